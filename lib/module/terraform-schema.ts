import { Token } from "cdktf";
import { z } from "zod";
import { HclExpression } from "../hcl/hcl-expression";
import { hclKey, hclString } from "../hcl/template";

/**
 * Terraform variable declarations from the same zod schemas that check `config/<env>.yaml`,
 * through their JSON Schema: the Terraform type (with `optional(type, default)` for object
 * fields), the default, the description, and validation conditions for the constraints
 * (integers, bounds, allowed values, patterns, lengths, the sizes of lists and maps). Names become snake_case.
 */

/** The subset of JSON Schema zod emits for the config schemas. */
export interface JsonSchema {
  readonly type?: string;
  readonly const?: unknown;
  readonly enum?: readonly unknown[];
  readonly default?: unknown;
  readonly description?: string;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: JsonSchema | boolean;
  readonly propertyNames?: JsonSchema;
  readonly items?: JsonSchema;
  readonly oneOf?: readonly JsonSchema[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly minProperties?: number;
  readonly maxProperties?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
}

/** One validation block: a condition on the variable and the message when it is false. */
export interface ValidationRule {
  readonly condition: string;
  readonly errorMessage: string;
}

/** The JSON Schema of a zod schema (as a config file's input); a union of constants becomes an enum. */
export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  return constantUnionsAsEnums(z.toJSONSchema(schema, { io: "input", unrepresentable: "any" })) as JsonSchema;
}

/** `anyOf` of constants (`z.union([z.literal(10), z.literal(30)])`) as `{ type, enum }`, at any depth. */
function constantUnionsAsEnums(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(constantUnionsAsEnums);
  if (node === null || typeof node !== "object") return node;
  const { anyOf, ...rest } = node as { anyOf?: { type?: string; const?: unknown }[] } & Record<string, unknown>;
  const converted = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, constantUnionsAsEnums(value)]));
  if (anyOf && anyOf.every((option) => option.const !== undefined && option.type === anyOf[0].type)) {
    return { type: anyOf[0].type, ...converted, enum: anyOf.map((option) => option.const) };
  }
  return anyOf ? { ...converted, anyOf: constantUnionsAsEnums(anyOf) } : converted;
}

/** `scaleInCooldownSeconds` → `scale_in_cooldown_seconds`. */
export function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
}

/** A value as a one-line HCL literal (defaults inside type expressions). */
export function hclLiteral(value: unknown): string {
  if (typeof value === "string") return hclString(value);
  if (Array.isArray(value)) return `[${value.map(hclLiteral).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).map(([key, item]) => `${hclKey(snakeCase(key))} = ${hclLiteral(item)}`);
    return entries.length === 0 ? "{}" : `{ ${entries.join(", ")} }`;
  }
  return JSON.stringify(value);
}

/** Object values with snake_case keys (variable defaults). */
export function snakeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snakeKeys);
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, item]) => [snakeCase(key), snakeKeys(item)]));
  return value;
}

/** The options of a discriminated union, with the discriminator's name. */
function unionOf(node: JsonSchema): { discriminator: string; options: readonly JsonSchema[] } | undefined {
  if (!node.oneOf) return undefined;
  const first = node.oneOf[0]?.properties ?? {};
  const discriminator = Object.keys(first).find((key) => node.oneOf!.every((option) => option.properties?.[key]?.const !== undefined));
  if (!discriminator) throw new Error("only discriminated unions (a const field in every option) become Terraform types");
  return { discriminator, options: node.oneOf };
}

/**
 * The fields of a union's options merged into one object: each field once, required only
 * when every option requires it, a default only when all options agree.
 */
function mergedUnion(node: JsonSchema): JsonSchema {
  const { discriminator, options } = unionOf(node)!;
  const properties: Record<string, JsonSchema> = {};
  for (const option of options) {
    for (const [key, field] of Object.entries(option.properties ?? {})) {
      const known = properties[key];
      const { description: _d, const: _c, ...shape } = field;
      if (known && terraformType(known) !== terraformType(shape)) throw new Error(`union field ${key} has different types in different options`);
      const sameDefault = !known || JSON.stringify(known.default) === JSON.stringify(shape.default);
      properties[key] = sameDefault ? shape : { ...shape, default: undefined };
    }
  }
  properties[discriminator] = { type: "string" };
  const required = Object.keys(properties).filter((key) => key === discriminator || options.every((option) => option.required?.includes(key)));
  return { type: "object", properties, required };
}

/** The Terraform type expression of a schema. */
export function terraformType(node: JsonSchema): string {
  if (node.oneOf) return terraformType(mergedUnion(node));
  const valueType = node.const !== undefined ? typeof node.const : node.enum ? typeof node.enum[0] : node.type;
  switch (valueType) {
    case "string":
      return "string";
    case "number":
    case "integer":
      return "number";
    case "boolean":
      return "bool";
    case "array":
      return `list(${node.items ? terraformType(node.items) : "any"})`;
    case "object": {
      if (!node.properties) {
        return typeof node.additionalProperties === "object" ? `map(${terraformType(node.additionalProperties)})` : "map(any)";
      }
      const fields = Object.entries(node.properties).map(([key, field]) => {
        const type = terraformType(field);
        if (node.required?.includes(key)) return `${snakeCase(key)} = ${type}`;
        return `${snakeCase(key)} = optional(${type}${field.default !== undefined ? `, ${hclLiteral(field.default)}` : ""})`;
      });
      return `object({ ${fields.join(", ")} })`;
    }
    default:
      return "any";
  }
}

/** What a value must be, for error messages: "must be a whole number from 1 to 65535", "must match ^a$". */
function describeConstraints(node: JsonSchema): string {
  const bounded = (n: number | undefined): n is number => n !== undefined && Math.abs(n) < 1e15;
  const what: string[] = [];
  if (node.enum) what.push(`one of ${node.enum.map((v) => JSON.stringify(v)).join(", ")}`);
  const low = bounded(node.exclusiveMinimum) ? `greater than ${node.exclusiveMinimum}` : bounded(node.minimum) ? `at least ${node.minimum}` : undefined;
  const high = bounded(node.maximum) ? `at most ${node.maximum}` : undefined;
  const number = node.type === "integer" && !node.enum ? "a whole number" : low || high ? "a number" : undefined;
  if (number) {
    if (bounded(node.minimum) && high && !bounded(node.exclusiveMinimum)) what.push(`${number} from ${node.minimum} to ${node.maximum}`);
    else what.push([number, low, high].filter(Boolean).join(", "));
  }
  if (node.minLength !== undefined) what.push(`at least ${node.minLength} characters long`);
  if (node.maxLength !== undefined) what.push(`at most ${node.maxLength} characters long`);
  const pattern = node.pattern ? (node.pattern.length <= 60 ? `match ${node.pattern}` : "match the pattern of this validation") : undefined;
  if (what.length === 0) return `must ${pattern ?? "be valid"}`;
  return `must be ${what.join(", ")}${pattern ? ` and ${pattern}` : ""}`;
}

const items = (n: number) => `${n} item${n === 1 ? "" : "s"}`;
const entries = (n: number) => `${n} entr${n === 1 ? "y" : "ies"}`;

/** A rule on the size of a list (minItems, maxItems) or a map (minProperties, maxProperties) `v`; undefined without limits. */
function sizeRule(v: string, label: string, min: number | undefined, max: number | undefined, unit: (n: number) => string): ValidationRule | undefined {
  const condition = [min !== undefined ? `length(${v}) >= ${min}` : undefined, max !== undefined ? `length(${v}) <= ${max}` : undefined].filter(Boolean);
  if (condition.length === 0) return undefined;
  const what = [min !== undefined ? `at least ${unit(min)}` : "", max !== undefined ? `at most ${unit(max)}` : ""].filter(Boolean).join(" and ");
  return { condition: condition.join(" && "), errorMessage: `${label} must have ${what}.` };
}

/** The conditions a scalar value `v` (an HCL expression) must meet, ANDed; undefined when there are none. */
function scalarCondition(node: JsonSchema, v: string): string | undefined {
  const parts: string[] = [];
  const bounded = (n: number | undefined) => n !== undefined && Math.abs(n) < 1e15;
  if (node.enum) return `contains(${hclLiteral(node.enum)}, ${v})`;
  if (node.type === "integer") parts.push(`floor(${v}) == ${v}`);
  if (bounded(node.minimum)) parts.push(`${v} >= ${node.minimum}`);
  if (bounded(node.exclusiveMinimum)) parts.push(`${v} > ${node.exclusiveMinimum}`);
  if (bounded(node.maximum)) parts.push(`${v} <= ${node.maximum}`);
  if (node.minLength !== undefined) parts.push(`length(${v}) >= ${node.minLength}`);
  if (node.maxLength !== undefined) parts.push(`length(${v}) <= ${node.maxLength}`);
  if (node.pattern) parts.push(patternCondition(node.pattern, v));
  return parts.length ? parts.join(" && ") : undefined;
}

/** A leading negative lookahead, `^(?!<literal>)`: Terraform's regular expressions (RE2) have no lookaround. */
const LEADING_LOOKAHEAD = /^\^\(\?!([^()|*+?{}[\]]{1,40})\)/;

/**
 * `v` matches the pattern, as Terraform can check it: a leading negative lookahead on a literal
 * prefix (a CloudWatch namespace not starting with `AWS/`) becomes a second regex that must not match.
 */
function patternCondition(pattern: string, v: string): string {
  const lookahead = LEADING_LOOKAHEAD.exec(pattern);
  if (!lookahead) return `can(regex(${hclString(pattern)}, ${v}))`;
  return `!can(regex(${hclString(`^${lookahead[1]}`)}, ${v})) && can(regex(${hclString(`^${pattern.slice(lookahead[0].length)}`)}, ${v}))`;
}

/** Conditions on a field that may be null: true when it is null (optional) or false (required). */
function guardNull(v: string, condition: string, required: boolean): string {
  return `(${v} == null ? ${required ? "false" : "true"} : (${condition}))`;
}

/**
 * Validation rules for variable `name` of this schema, each on the variable alone (as
 * Terraform before 1.9 requires). `nullable`: the variable may be null (optional, no default).
 */
export function validationRules(node: JsonSchema, name: string, nullable: boolean): ValidationRule[] {
  const v = `var.${name}`;
  const rules = rulesFor(node, v, name, 0);
  return nullable ? rules.map((rule) => ({ ...rule, condition: guardNull(v, rule.condition, false) })) : rules;
}

/** The name of a `for` expression's variable at a nesting depth (`item`, `item2`, ...), so inner loops never hide outer ones. */
const loopVariable = (base: string, depth: number) => (depth === 0 ? base : `${base}${depth + 1}`);

/** Rules on a collection's elements, each wrapped in `alltrue([for ...])` over the collection `v`. */
function everyElement(rules: readonly ValidationRule[], loop: string): ValidationRule[] {
  return rules.map((rule) => ({ condition: `alltrue([${loop} : ${rule.condition}])`, errorMessage: rule.errorMessage }));
}

/**
 * The rules on a value `v` (an HCL expression) of this schema: its own constraints, and those of
 * what it holds (list items, map keys and values, object fields, the fields of each union
 * option), at any depth. `label` names the value in messages.
 */
function rulesFor(node: JsonSchema, v: string, label: string, depth: number): ValidationRule[] {
  const rules: ValidationRule[] = [];
  const scalar = scalarCondition(node, v);
  if (scalar) rules.push({ condition: scalar, errorMessage: `${label} ${describeConstraints(node)}.` });

  if (node.type === "array") {
    const size = sizeRule(v, label, node.minItems, node.maxItems, items);
    if (size) rules.push(size);
    if (node.items) {
      const item = loopVariable("item", depth);
      const itemLabel = depth === 0 && !node.items.oneOf && !node.items.properties ? `every item of ${label}` : `${label}[*]`;
      if (node.items.oneOf) rules.push(...everyElement(unionRules(node.items, item, label, depth + 1), `for ${item} in ${v}`));
      else if (node.items.properties && depth === 0) rules.push(...objectItemRules(node.items, v, label));
      else rules.push(...everyElement(rulesFor(node.items, item, itemLabel, depth + 1), `for ${item} in ${v}`));
    }
  }

  if (node.type === "object" && !node.properties) {
    const size = sizeRule(v, label, node.minProperties, node.maxProperties, entries);
    if (size) rules.push(size);
    const key = loopVariable("key", depth);
    const value = loopVariable("value", depth);
    const keyCondition = node.propertyNames ? scalarCondition(node.propertyNames, key) : undefined;
    if (keyCondition) rules.push({ condition: `alltrue([for ${key} in keys(${v}) : ${keyCondition}])`, errorMessage: `every key of ${label} ${describeConstraints(node.propertyNames!)}.` });
    const values = typeof node.additionalProperties === "object" ? node.additionalProperties : undefined;
    if (values) {
      const valueLabel = depth === 0 && !values.properties ? `every value of ${label}` : `${label}[*]`;
      rules.push(...everyElement(rulesFor(values, value, valueLabel, depth + 1), `for ${value} in values(${v})`));
    }
  }

  if (node.properties && !node.oneOf) rules.push(...fieldRules(node, v, label, depth));
  return rules;
}

/** Rules on the fields of an object `v`: a field that may be null passes when it is, a required one fails. */
function fieldRules(node: JsonSchema, v: string, label: string, depth: number, skip?: string): ValidationRule[] {
  const rules: ValidationRule[] = [];
  for (const [key, field] of Object.entries(node.properties ?? {})) {
    if (key === skip) continue;
    const fieldValue = `${v}.${snakeCase(key)}`;
    const required = node.required?.includes(key) ?? false;
    const mayBeNull = !required && field.default === undefined;
    const fieldLabel = `${label}.${snakeCase(key)}`;
    const inner = rulesFor(field, fieldValue, fieldLabel, depth);
    if (required && field.default === undefined) {
      rules.push({ condition: `${fieldValue} != null`, errorMessage: `${fieldLabel} is required.` });
    }
    for (const rule of inner) rules.push({ condition: mayBeNull || required ? guardNull(fieldValue, rule.condition, false) : rule.condition, errorMessage: rule.errorMessage });
  }
  return rules;
}

/** Rules on the fields of every object in a list. */
function objectItemRules(node: JsonSchema, v: string, label: string): ValidationRule[] {
  return Object.entries(node.properties ?? {}).flatMap(([key, field]) => {
    const fieldValue = `item.${snakeCase(key)}`;
    const condition = scalarCondition(field, fieldValue);
    if (!condition) return [];
    const mayBeNull = !node.required?.includes(key) && field.default === undefined;
    return [
      {
        condition: `alltrue([for item in ${v} : ${mayBeNull ? guardNull(fieldValue, condition, false) : condition}])`,
        errorMessage: `${snakeCase(key)} of every item of ${label} ${describeConstraints(field)}.`,
      },
    ];
  });
}

/**
 * Rules on one union object `item` (inside a loop over the list `label`): a known kind, and each
 * kind's fields (required ones present), every rule applying only to objects of its kind.
 */
function unionRules(node: JsonSchema, item: string, label: string, depth: number): ValidationRule[] {
  const { discriminator, options } = unionOf(node)!;
  const kinds = options.map((option) => option.properties![discriminator].const as string);
  const d = `${item}.${snakeCase(discriminator)}`;
  const rules: ValidationRule[] = [
    { condition: `contains(${hclLiteral(kinds)}, ${d})`, errorMessage: `${snakeCase(discriminator)} of every item of ${label} must be one of ${kinds.map((k) => JSON.stringify(k)).join(", ")}.` },
  ];
  // A rule that several kinds share (the same field with the same limits) is written once for all of them.
  const byRule = new Map<string, { condition: string; message: string; kinds: string[] }>();
  for (const option of options) {
    const kind = option.properties![discriminator].const as string;
    for (const rule of fieldRules(option, item, `${label}[*]`, depth, discriminator)) {
      const message = rule.errorMessage.startsWith(`${label}[*].`) ? rule.errorMessage.slice(`${label}[*].`.length) : rule.errorMessage;
      const key = `${rule.condition}\n${message}`;
      const known = byRule.get(key);
      if (known) known.kinds.push(kind);
      else byRule.set(key, { condition: rule.condition, message, kinds: [kind] });
    }
  }
  for (const { condition, message, kinds: ruleKinds } of byRule.values()) {
    const all = ruleKinds.length === kinds.length;
    const applies = ruleKinds.length === 1 ? `${d} == ${hclString(ruleKinds[0])}` : `contains(${hclLiteral(ruleKinds)}, ${d})`;
    rules.push({
      condition: all ? condition : `${applies} ? ${condition} : true`,
      errorMessage: `${label}${all ? "" : ` of type ${ruleKinds.map((k) => JSON.stringify(k)).join(", ")}`}: ${message}`,
    });
  }
  return rules;
}

/**
 * The config-shaped value of a variable (or part of one) as Terraform tokens: object
 * fields under their camelCase config names, so constructs that take config take it.
 * `expression` is the HCL path of the value (`var.health_check`, `each.value`). An object
 * field that may be null is an {@link HclExpression} of its path (code branching on it uses
 * lib/hcl/plan-time).
 */
export function tokensOf(node: JsonSchema, expression: string): any {
  if (node.const !== undefined) return node.const;
  if (node.properties) {
    return Object.fromEntries(
      Object.entries(node.properties).map(([key, field]) => {
        const path = `${expression}.${snakeCase(key)}`;
        // An object that may be null is one value Terraform knows at plan time: its fields cannot be read before it is.
        const mayBeNull = field.properties !== undefined && !node.required?.includes(key) && field.default === undefined;
        return [key, mayBeNull ? HclExpression.of(path) : tokensOf(field, path)];
      }),
    );
  }
  const valueType = node.enum ? typeof node.enum[0] : node.type;
  if (valueType === "number" || valueType === "integer") return Token.asNumber(`\${${expression}}`);
  if (valueType === "array") return Token.asList(`\${${expression}}`);
  if (valueType === "boolean" || valueType === "object") return Token.asAny(`\${${expression}}`);
  return `\${${expression}}`;
}
