import { Token } from "cdktf";
import { z } from "zod";
import { hclKey, hclString } from "../hcl/template";

/**
 * Terraform variable declarations from the same zod schemas that check `config/<env>.yaml`,
 * through their JSON Schema: the Terraform type (with `optional(type, default)` for object
 * fields), the default, the description, and validation conditions for the constraints
 * (integers, bounds, allowed values, patterns, lengths). Names become snake_case.
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
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
}

/** One validation block: a condition on the variable and the message when it is false. */
export interface ValidationRule {
  readonly condition: string;
  readonly errorMessage: string;
}

/** The JSON Schema of a zod schema (as a config file's input). */
export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
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
  if (node.pattern) parts.push(`can(regex(${hclString(node.pattern)}, ${v}))`);
  return parts.length ? parts.join(" && ") : undefined;
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
  const rules = rulesFor(node, v, name);
  return nullable ? rules.map((rule) => ({ ...rule, condition: guardNull(v, rule.condition, false) })) : rules;
}

function rulesFor(node: JsonSchema, v: string, label: string): ValidationRule[] {
  const rules: ValidationRule[] = [];
  const scalar = scalarCondition(node, v);
  if (scalar) rules.push({ condition: scalar, errorMessage: `${label} ${describeConstraints(node)}.` });

  if (node.type === "array") {
    const length = [
      node.minItems !== undefined ? `length(${v}) >= ${node.minItems}` : undefined,
      node.maxItems !== undefined ? `length(${v}) <= ${node.maxItems}` : undefined,
    ].filter(Boolean);
    if (length.length) {
      const what = [node.minItems !== undefined ? `at least ${items(node.minItems)}` : "", node.maxItems !== undefined ? `at most ${items(node.maxItems)}` : ""].filter(Boolean).join(" and ");
      rules.push({ condition: length.join(" && "), errorMessage: `${label} must have ${what}.` });
    }
    if (node.items?.oneOf) rules.push(...unionRules(node.items, v, label));
    else if (node.items) {
      const item = scalarCondition(node.items, "item");
      if (item) rules.push({ condition: `alltrue([for item in ${v} : ${item}])`, errorMessage: `every item of ${label} ${describeConstraints(node.items)}.` });
      if (node.items.properties) rules.push(...objectItemRules(node.items, v, label));
    }
  }

  if (node.type === "object" && !node.properties) {
    const key = node.propertyNames ? scalarCondition(node.propertyNames, "key") : undefined;
    if (key) rules.push({ condition: `alltrue([for key in keys(${v}) : ${key}])`, errorMessage: `every key of ${label} ${describeConstraints(node.propertyNames!)}.` });
    const values = typeof node.additionalProperties === "object" ? node.additionalProperties : undefined;
    const value = values ? scalarCondition(values, "value") : undefined;
    if (value) rules.push({ condition: `alltrue([for value in values(${v}) : ${value}])`, errorMessage: `every value of ${label} ${describeConstraints(values!)}.` });
  }

  if (node.properties) {
    for (const [key, field] of Object.entries(node.properties)) {
      const fieldValue = `${v}.${snakeCase(key)}`;
      const condition = scalarCondition(field, fieldValue);
      if (!condition) continue;
      const mayBeNull = !node.required?.includes(key) && field.default === undefined;
      rules.push({
        condition: mayBeNull ? guardNull(fieldValue, condition, false) : condition,
        errorMessage: `${label}.${snakeCase(key)} ${describeConstraints(field)}.`,
      });
    }
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

/** Rules on a list of union objects: known kinds, and each kind's fields (required ones present). */
function unionRules(node: JsonSchema, v: string, label: string): ValidationRule[] {
  const { discriminator, options } = unionOf(node)!;
  const kinds = options.map((option) => option.properties![discriminator].const as string);
  const d = `item.${snakeCase(discriminator)}`;
  const rules: ValidationRule[] = [
    { condition: `alltrue([for item in ${v} : contains(${hclLiteral(kinds)}, ${d})])`, errorMessage: `${snakeCase(discriminator)} of every item of ${label} must be one of ${kinds.map((k) => JSON.stringify(k)).join(", ")}.` },
  ];
  for (const option of options) {
    const kind = option.properties![discriminator].const as string;
    const checks: string[] = [];
    const described: string[] = [];
    for (const [key, field] of Object.entries(option.properties ?? {})) {
      if (key === discriminator) continue;
      const fieldValue = `item.${snakeCase(key)}`;
      const required = option.required?.includes(key) ?? false;
      const condition = scalarCondition(field, fieldValue);
      if (!condition && !required) continue;
      checks.push(condition ? guardNull(fieldValue, condition, required) : `${fieldValue} != null`);
      described.push(`${snakeCase(key)}${required ? " is required and" : ""} ${condition ? describeConstraints(field) : "must be set"}`);
    }
    if (checks.length === 0) continue;
    rules.push({
      condition: `alltrue([for item in ${v} : ${d} == ${hclString(kind)} ? (${checks.join(" && ")}) : true])`,
      errorMessage: `${label} of type ${JSON.stringify(kind)}: ${described.join("; ")}.`,
    });
  }
  return rules;
}

/**
 * The config-shaped value of a variable (or part of one) as Terraform tokens: object
 * fields under their camelCase config names, so constructs that take config take it.
 * `expression` is the HCL path of the value (`var.health_check`, `each.value`).
 */
export function tokensOf(node: JsonSchema, expression: string): any {
  if (node.const !== undefined) return node.const;
  if (node.properties) {
    return Object.fromEntries(Object.entries(node.properties).map(([key, field]) => [key, tokensOf(field, `${expression}.${snakeCase(key)}`)]));
  }
  const valueType = node.enum ? typeof node.enum[0] : node.type;
  if (valueType === "number" || valueType === "integer") return Token.asNumber(`\${${expression}}`);
  if (valueType === "array") return Token.asList(`\${${expression}}`);
  if (valueType === "boolean" || valueType === "object") return Token.asAny(`\${${expression}}`);
  return `\${${expression}}`;
}
