import { DefaultTokenResolver, StringConcat, TerraformResource, Token, Tokenization } from "cdktf";
import type { IConstruct } from "constructs";
import { HclExpression } from "./hcl-expression";
import { hclKey, hclTemplate } from "./template";

/**
 * Values Terraform only knows at plan time (a module variable, `each.value` of a policy), for
 * code that otherwise decides at synth: whether a value is one, its HCL source, a choice
 * between two values, and constructs that exist only when a condition holds. With values
 * known at synth every helper here decides at once, so the environments' output does not
 * change; with plan-time values the decision is written into the Terraform.
 */

/** A condition decided at synth (a boolean) or at plan (an HCL expression of a bool). */
export type Condition = boolean | HclExpression;

/** True for a value Terraform computes: an {@link HclExpression}, a cdktf token, or a string with an interpolation. */
export function isPlanTime(value: unknown): boolean {
  if (HclExpression.isHclExpression(value)) return true;
  if (typeof value === "string") return Token.isUnresolved(value) || value.includes("${");
  if (typeof value === "number" || Array.isArray(value)) return Token.isUnresolved(value);
  return Tokenization.isResolvable(value);
}

/**
 * The HCL source of a value, to build expressions with: a plan-time value's expression
 * (references and variables bare, strings with interpolations as quoted templates) or the
 * literal. `scope` is any construct of the stack the expression goes into (references
 * resolve there).
 */
export function hclOf(scope: IConstruct, value: unknown): string {
  if (HclExpression.isHclExpression(value)) return value.text;
  if (value === undefined || value === null) return "null";
  if (typeof value === "boolean") return String(value);
  if (typeof value === "number") return Token.isUnresolved(value) ? hclTemplate(resolved(scope, value)) : String(value);
  if (typeof value === "string") return hclTemplate(Token.isUnresolved(value) ? resolved(scope, value) : value);
  if (Array.isArray(value)) {
    if (Token.isUnresolved(value)) return hclTemplate(resolved(scope, value));
    return `[${value.map((item) => hclOf(scope, item)).join(", ")}]`;
  }
  if (Tokenization.isResolvable(value)) return hclTemplate(resolved(scope, value));
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined);
    return entries.length === 0 ? "{}" : `{ ${entries.map(([key, item]) => `${hclKey(key)} = ${hclOf(scope, item)}`).join(", ")} }`;
  }
  throw new Error(`hclOf: cannot write a ${typeof value} as HCL`);
}

/** A token resolved to the Terraform JSON string it becomes (`${var.x}`, `${aws_sqs_queue.q.arn}`). */
function resolved(scope: IConstruct, value: unknown): string {
  const result = Tokenization.resolve(value, { scope, preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) });
  if (typeof result !== "string") throw new Error(`hclOf: expected a token to resolve to an expression string, got ${JSON.stringify(result)}`);
  return result;
}

/** Whether `value` equals the literal: at once for a known value, else an HCL comparison. */
export function equals(scope: IConstruct, value: unknown, literal: string | number | boolean): Condition {
  return isPlanTime(value) ? HclExpression.of(`${hclOf(scope, value)} == ${hclOf(scope, literal)}`) : value === literal;
}

/** One of two values by a condition: picked at once for a boolean, else a conditional expression (a string token). */
export function choose<T extends string | undefined>(scope: IConstruct, condition: Condition, whenTrue: T, whenFalse: T): T;
/** One of two numbers (or none) by a condition: picked at once for a boolean, else a conditional expression (a number token). */
export function choose<T extends number | undefined>(scope: IConstruct, condition: Condition, whenTrue: number, whenFalse: T): number | T;
export function choose(scope: IConstruct, condition: Condition, whenTrue: unknown, whenFalse: unknown): unknown {
  if (typeof condition === "boolean") return condition ? whenTrue : whenFalse;
  const expression = HclExpression.of(`${condition.text} ? ${hclOf(scope, whenTrue)} : ${hclOf(scope, whenFalse)}`);
  return typeof whenTrue === "number" || typeof whenFalse === "number" ? expression.asNumber() : expression.asString();
}

/** A value looked up in a table by a key: at once for a known key, else an HCL `lookup` (a string token). */
export function lookupIn(scope: IConstruct, table: Readonly<Record<string, string>>, key: string): string {
  if (!isPlanTime(key)) {
    if (!(key in table)) throw new Error(`no entry ${key} in ${Object.keys(table).join(", ")}`);
    return table[key];
  }
  return HclExpression.of(`lookup(${hclOf(scope, table)}, ${hclOf(scope, key)})`).asString();
}

const conditions = new WeakMap<TerraformResource, HclExpression>();

/**
 * Builds constructs that exist only when `condition` holds: for `true` they are built, for
 * `false` not; for an expression they are built and each of their resources gets
 * `count = <condition> ? 1 : 0` (see {@link conditionOf}; references to them must be indexed,
 * see `indexInstanceReferences`).
 */
export function when<T extends IConstruct>(condition: Condition, build: () => T): T | undefined {
  if (condition === false) return undefined;
  const built = build();
  if (condition !== true) onlyWhen(condition, built);
  return built;
}

/** Makes the resources of constructs already built exist only when `condition` holds at plan time (see {@link when}). */
export function onlyWhen(condition: HclExpression, ...constructs: IConstruct[]): void {
  for (const resource of constructs.flatMap((c) => c.node.findAll()).filter(TerraformResource.isTerraformResource)) {
    if (resource.count !== undefined || resource.forEach !== undefined) throw new Error(`${resource.node.path} already has count or for_each`);
    resource.count = Token.asNumber(`\${${condition.text} ? 1 : 0}`);
    conditions.set(resource, condition);
  }
}

/** The plan-time condition a resource was made under by {@link when}, if any. */
export function conditionOf(resource: TerraformResource): HclExpression | undefined {
  return conditions.get(resource);
}

/**
 * A `dynamic` block as Terraform JSON writes it: one block per element of `for_each`, from
 * `content`, which refers to the element as `<block type>.value` (and `.key`).
 */
export interface DynamicBlock {
  readonly for_each: string;
  readonly content: Readonly<Record<string, unknown>>;
}

/** A {@link DynamicBlock} over the elements of an expression. */
export function dynamicBlock(forEach: HclExpression, content: Readonly<Record<string, unknown>>): DynamicBlock {
  return { for_each: forEach.asString(), content };
}

/** A dynamic block that is there once when `condition` holds and not at all otherwise (`<type>.value` is 1). */
export function optionalBlock(condition: HclExpression, content: Readonly<Record<string, unknown>>): DynamicBlock {
  return dynamicBlock(HclExpression.of(`${condition.text} ? [1] : []`), content);
}
