import { environmentJsonSchema } from "../config/json-schema";
import { cell, code, generatedHeader, slug, table } from "./markdown";

/**
 * The config reference (`docs/reference/config.md`): every field of `config/<env>.yaml`
 * once, with its type, default and description, generated from the JSON schema that
 * `config/schema.json` holds (itself generated from the zod schema).
 *
 * A discriminated union (service `kind`, compute `type`, policy `type`, network `mode`)
 * is listed once: a field every form has in the same shape is one row, a field only some
 * forms have says which in its "When" column, and a field whose shape differs between
 * forms gets one row per shape.
 */

/** The parts of a JSON schema node the reference reads. */
export interface JsonSchemaNode {
  readonly type?: string | readonly string[];
  readonly description?: string;
  readonly default?: unknown;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly properties?: Readonly<Record<string, JsonSchemaNode>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: JsonSchemaNode | boolean;
  readonly items?: JsonSchemaNode;
  readonly oneOf?: readonly JsonSchemaNode[];
  readonly anyOf?: readonly JsonSchemaNode[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
}

/** A field that only some forms of a union have: `key` is one of `values`. */
export interface FieldCondition {
  /** Path of the union, e.g. `services.<name>`. */
  readonly union: string;
  /** The discriminator, e.g. `kind`. */
  readonly key: string;
  readonly values: readonly string[];
}

/** One row of the reference. */
export interface ReferenceField {
  /** Full path, e.g. `services.<name>.scaling.policies[].target`. */
  readonly path: string;
  /** The forms the field belongs to; empty when every form has it. */
  readonly when: readonly FieldCondition[];
  readonly type: string;
  readonly required: boolean;
  readonly hasDefault: boolean;
  readonly defaultValue?: unknown;
  readonly description: string;
  /** A long enumeration inside the type (its values, and its text within `type`), listed apart. */
  readonly valueList?: { readonly values: readonly string[]; readonly text: string };
}

/** Enumerations longer than this are listed once under "Value lists" and linked from the type. */
const LONG_ENUM = 10;

/** Numbers this large are zod's stand-ins for "no bound" (safe integer limits). */
const UNBOUNDED = 1e15;

/** Every field of an environment file, in schema order, each once. */
export function configFields(schema: JsonSchemaNode = environmentJsonSchema() as JsonSchemaNode): ReferenceField[] {
  return children(schema, "", []);
}

function children(node: JsonSchemaNode, path: string, when: readonly FieldCondition[]): ReferenceField[] {
  if (node.oneOf) return union(node, path, when);
  return Object.entries(node.properties ?? {}).flatMap(([key, child]) =>
    field(child, path ? `${path}.${key}` : key, node.required?.includes(key) ?? false, when),
  );
}

function field(node: JsonSchemaNode, path: string, required: boolean, when: readonly FieldCondition[]): ReferenceField[] {
  const row: ReferenceField = {
    path,
    when,
    type: typeOf(node),
    required,
    hasDefault: node.default !== undefined,
    defaultValue: node.default,
    description: node.description ?? "",
    ...valueListOf(node),
  };
  const map = mapValues(node);
  if (map && (map.properties || map.oneOf)) return [row, ...children(map, `${path}.<name>`, when)];
  if (node.items && (node.items.properties || node.items.oneOf)) return [row, ...children(node.items, `${path}[]`, when)];
  if (node.properties || node.oneOf) return [row, ...children(node, path, when)];
  return [row];
}

/** The discriminator of a union of objects: the property every form fixes to a constant. */
function discriminatorOf(node: JsonSchemaNode): string {
  const [first, ...rest] = node.oneOf ?? [];
  const key = Object.entries(first?.properties ?? {}).find(
    ([name, child]) => child.const !== undefined && rest.every((form) => form.properties?.[name]?.const !== undefined),
  )?.[0];
  if (!key) throw new Error("the config reference expects every union to be discriminated by a constant field");
  return key;
}

function union(node: JsonSchemaNode, path: string, when: readonly FieldCondition[]): ReferenceField[] {
  const forms = node.oneOf ?? [];
  const key = discriminatorOf(node);
  const values = forms.map((form) => String(form.properties![key].const));
  const defaults = forms.map((form) => form.properties![key].default).filter((value) => value !== undefined);
  const discriminator: ReferenceField = {
    path: path ? `${path}.${key}` : key,
    when,
    type: values.map((value) => JSON.stringify(value)).join(" | "),
    required: defaults.length === 0 && forms.every((form) => form.required?.includes(key)),
    hasDefault: defaults.length > 0,
    defaultValue: defaults[0],
    description: forms
      .map((form, i) => {
        const text = form.properties![key].description ?? form.description ?? "";
        return `${code(values[i])}: ${text.startsWith(`${values[i]}: `) ? text.slice(values[i].length + 2) : text}`;
      })
      .join(" "),
  };
  // Each field's rows from every form, grouped by field so that the shapes of one field stand
  // together; a row that two forms have alike is one row naming both.
  const groups = new Map<string, Map<string, { row: ReferenceField; values: string[] }>>();
  forms.forEach((form, i) => {
    for (const [name, child] of Object.entries(form.properties ?? {})) {
      if (name === key) continue;
      const group = groups.get(name) ?? new Map<string, { row: ReferenceField; values: string[] }>();
      groups.set(name, group);
      for (const row of field(child, path ? `${path}.${name}` : name, form.required?.includes(name) ?? false, when)) {
        const identity = JSON.stringify([row.path, row.when, row.type, row.required, row.hasDefault, row.defaultValue, row.description]);
        const entry = group.get(identity);
        if (entry) entry.values.push(values[i]);
        else group.set(identity, { row, values: [values[i]] });
      }
    }
  });
  const rows = [...groups.values()].flatMap((group) =>
    [...group.values()].map(({ row, values: having }) =>
      having.length === values.length ? row : { ...row, when: [...when, { union: path, key, values: having }, ...row.when.slice(when.length)] },
    ),
  );
  return [discriminator, ...rows];
}

/** The long enumeration a field's type holds (itself, its items or its map values), if any. */
function valueListOf(node: JsonSchemaNode): Pick<ReferenceField, "valueList"> {
  const inner = node.enum ? node : node.items?.enum ? node.items : mapValues(node)?.enum ? mapValues(node)! : undefined;
  if (!inner?.enum || inner.enum.length <= LONG_ENUM) return {};
  return { valueList: { values: inner.enum.map(String), text: typeOf(inner) } };
}

function mapValues(node: JsonSchemaNode): JsonSchemaNode | undefined {
  return node.type === "object" && !node.properties && typeof node.additionalProperties === "object" ? node.additionalProperties : undefined;
}

function typeOf(node: JsonSchemaNode): string {
  if (node.const !== undefined) return JSON.stringify(node.const);
  if (node.enum) return node.enum.map((value) => JSON.stringify(value)).join(" | ");
  if (node.anyOf && node.anyOf.every((option) => option.const !== undefined)) return node.anyOf.map((option) => JSON.stringify(option.const)).join(" | ");
  if (node.oneOf) return `object, by ${code(discriminatorOf(node))}`;
  if (node.type === "array") return withBounds(`list of ${node.items ? typeOf(node.items) : "any"}`, node.minItems, node.maxItems, "items");
  const map = mapValues(node);
  if (map) return `map of ${typeOf(map)}`;
  if (node.type === "integer" || node.type === "number") {
    const bounds = [
      node.minimum !== undefined && Math.abs(node.minimum) < UNBOUNDED ? `>= ${node.minimum}` : undefined,
      node.exclusiveMinimum !== undefined ? `> ${node.exclusiveMinimum}` : undefined,
      node.maximum !== undefined && Math.abs(node.maximum) < UNBOUNDED ? `<= ${node.maximum}` : undefined,
      node.exclusiveMaximum !== undefined ? `< ${node.exclusiveMaximum}` : undefined,
    ].filter(Boolean);
    return [node.type, bounds.join(", ")].filter(Boolean).join(" ");
  }
  if (node.type === "string") return withBounds("string", node.minLength, node.maxLength, "characters");
  if (Array.isArray(node.type)) return node.type.join(" | ");
  return (node.type as string | undefined) ?? "any";
}

function withBounds(type: string, min: number | undefined, max: number | undefined, unit: string): string {
  const units = (n: number) => `${n} ${n === 1 ? unit.replace(/s$/, "") : unit}`;
  if (min === undefined && max === undefined) return type;
  if (max === undefined) return `${type} (at least ${units(min!)})`;
  if (min === undefined || min === 0) return `${type} (at most ${units(max)})`;
  return `${type} (${min} to ${units(max)})`;
}

/** A part of the reference: the fields under `prefix` (the longest matching prefix wins). */
interface Section {
  readonly title: string;
  /** Fields at or below this path belong here; "" takes what no other section takes. */
  readonly prefix: string;
  readonly intro: string;
}

const SECTIONS: readonly Section[] = [
  {
    title: "Environment",
    prefix: "",
    intro: "The top level of `config/<env>.yaml`. The file name is the environment's name and its stack's name.",
  },
  {
    title: "Services",
    prefix: "services.<name>",
    intro:
      "Each entry of `services`, keyed by the service's name. `kind: web` is a model server behind the shared load balancer; " +
      "`kind: worker` reads jobs from its own SQS queue. Fields without a \"When\" apply to both kinds.",
  },
  {
    title: "Compute",
    prefix: "services.<name>.compute",
    intro: "Where a service's tasks run. See [Compute: Fargate or GPU instances](../compute.md) for the choice and what each creates, and [AWS limits](aws-limits.md) for the task sizes and instance types.",
  },
  {
    title: "Scaling",
    prefix: "services.<name>.scaling",
    intro: "The scalable target of a service, its scheduled actions and its list of policies. See [Scaling](../scaling.md).",
  },
  {
    title: "Scaling policies",
    prefix: "services.<name>.scaling.policies[]",
    intro: "Each entry of `scaling.policies`; its `type` decides which fields it takes. [Scaling policy kinds](scaling-policies.md) says what each creates in Terraform.",
  },
  {
    title: "Preview assumptions",
    prefix: "services.<name>.preview",
    intro: "What `npm run preview` assumes about a service (not deployed). See [the scaling preview](../preview.md).",
  },
];

function sectionOf(path: string): Section {
  const matching = SECTIONS.filter((section) => section.prefix === "" || path.startsWith(`${section.prefix}.`));
  return matching.reduce((best, section) => (section.prefix.length > best.prefix.length ? section : best));
}

/** A field's path as shown in its section: relative to the section's prefix. */
function shownPath(path: string, section: Section): string {
  return section.prefix ? path.slice(section.prefix.length + 1) : path;
}

function sectionHeading(section: Section): string {
  return section.prefix ? `${section.title}: ${code(section.prefix)}` : section.title;
}

/** The text of `docs/reference/config.md`. */
export function configReferencePage(fields: readonly ReferenceField[] = configFields()): string {
  const valueLists = new Map<string, { name: string; values: readonly string[] }>();
  const typeCell = (field: ReferenceField): string => {
    if (!field.valueList) return cell(field.type);
    const { values, text } = field.valueList;
    const identity = JSON.stringify(values);
    if (!valueLists.has(identity)) {
      const base = field.path.replace(/\[\]|\.<name>/g, "").split(".").pop()!;
      const taken = new Set([...valueLists.values()].map((list) => list.name));
      let name = base;
      for (let n = 2; taken.has(name); n += 1) name = `${base}-${n}`;
      valueLists.set(identity, { name, values });
    }
    const { name } = valueLists.get(identity)!;
    return cell(field.type.replace(text, `one of the [${values.length} values of ${code(name)}](#${slug(`Values of ${name}`)})`));
  };
  const defaultCell = (field: ReferenceField): string =>
    field.required ? "**required**" : field.hasDefault ? code(JSON.stringify(field.defaultValue)) : "-";
  const whenCell = (field: ReferenceField): string =>
    field.when.map((condition) => `${condition.key}: ${condition.values.join(", ")}`).join("; ");

  const sections = SECTIONS.map((section) => {
    const rows = fields
      .filter((field) => sectionOf(field.path) === section)
      .map((field) => [code(shownPath(field.path, section)), whenCell(field), typeCell(field), defaultCell(field), cell(field.description)]);
    return [`## ${sectionHeading(section)}`, "", section.intro, "", table(["Field", "When", "Type", "Default", "Description"], rows)].join("\n");
  });
  const lists = [...valueLists.values()].map((list) =>
    [`### Values of ${list.name}`, "", list.values.map(code).join(", ")].join("\n"),
  );
  return [
    generatedHeader("Config reference", "the config schema (lib/config)"),
    "Every field of `config/<env>.yaml`, once. A field that only some forms of a service, policy or",
    "compute have names them under \"When\". Editors with the YAML language server check and complete",
    "the same fields through `config/schema.json` (generated from the same schema). Limits are AWS's own",
    "where AWS has one; a value outside them is rejected with the file, line, field and what is allowed.",
    "",
    SECTIONS.map((section) => `- [${section.title}](#${slug(sectionHeading(section))})`).join("\n"),
    `- [Value lists](#value-lists)`,
    "",
    ...sections.flatMap((section) => [section, ""]),
    "## Value lists",
    "",
    ...lists.flatMap((list) => [list, ""]),
  ].join("\n");
}
