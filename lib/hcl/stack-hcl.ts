import { TerraformDataSource, TerraformProvider, TerraformResource, TerraformStack } from "cdktf";
import { BlockSchema, blockSchemaOf, dynamicContentSchema, NO_BLOCKS } from "./block-schema";
import { attribute, block, BodyItem, Expr, object, printDocument, raw, tuple } from "./document";
import { jsonDocumentExpression } from "./json-document";
import { hclKey, hclString, hclTemplate, isIdentifier, singleInterpolation } from "./template";
import { typeExpression } from "./type-expression";

/**
 * The HCL of a cdktf stack, written from the stack's Terraform JSON (which holds every
 * value exactly) with cdktf's own HCL fragments telling blocks from attributes.
 *
 * This is the one place that decides how HCL looks. cdktf 0.21's HCL writer (`cdktf synth
 * --hcl`) gets these wrong, and each is handled here (and tested against the HCL parser):
 * - references come out bare (`cluster = aws_ecs_cluster.x.arn`), not as `"${...}"` strings;
 * - `depends_on`, `replace_triggered_by` and `lifecycle.ignore_changes` list bare
 *   references and attribute names; cdktf quotes them, the Terraform 0.11 form that
 *   Terraform has deprecated since 0.12 (a warning on every plan);
 * - strings are escaped: cdktf leaves `"` and `\` unescaped in any string holding an
 *   interpolation, which breaks the file (container definitions, policies with references);
 * - JSON documents in strings (container definitions, IAM policies) become `jsonencode(...)`
 *   of an HCL value, with references bare;
 * - strings that look like numbers stay strings, and strings starting with `[`, `{` or `"`
 *   stay quoted (cdktf's untyped writer emits them raw);
 * - empty block lists (`volume = []`) are no blocks at all; `null` values are written
 *   (cdktf's untyped writer crashes on them);
 * - nested blocks in `dynamic` content are blocks, not `name = { ... }` attributes;
 * - variable types are type expressions, object types one attribute per line;
 * - the output is formatted the way `terraform fmt` formats it, without blank lines inside blocks.
 */

type Json = Record<string, any>;

/** Attributes whose string is a JSON document that the AWS provider compares by meaning, not by text. */
const JSON_DOCUMENT_ATTRIBUTES: ReadonlySet<string> = new Set([
  "aws_ecs_task_definition.container_definitions",
  "aws_iam_role.assume_role_policy",
  "aws_iam_role.inline_policy.policy",
  "aws_iam_role_policy.policy",
  "aws_iam_policy.policy",
  "aws_s3_bucket_policy.policy",
]);

/** The top-level blocks of a stack, by kind, in a conventional order. */
export interface HclSections {
  readonly terraform: BodyItem[];
  readonly providers: BodyItem[];
  readonly variables: BodyItem[];
  readonly locals: BodyItem[];
  readonly data: BodyItem[];
  readonly resources: BodyItem[];
  readonly outputs: BodyItem[];
}

/** The stack's HCL as one file (what `cdk.tf` holds). */
export function stackToHcl(stack: TerraformStack): string {
  const s = stackHclSections(stack);
  return printDocument([...s.terraform, ...s.providers, ...s.variables, ...s.locals, ...s.data, ...s.resources, ...s.outputs]);
}

/** The stack's HCL, section by section (a module writes them to separate files). */
export function stackHclSections(stack: TerraformStack): HclSections {
  const json = stack.toTerraform() as Json;
  const known = new Set(["//", "terraform", "provider", "variable", "locals", "data", "resource", "output"]);
  const unknown = Object.keys(json).filter((key) => !known.has(key));
  if (unknown.length > 0) throw new Error(`the HCL writer does not handle ${unknown.join(", ")} blocks`);
  const schemas = elementSchemas(stack);
  const order = elementOrder(stack);

  return {
    terraform: json.terraform ? [terraformBlock(json.terraform)] : [],
    providers: Object.entries((json.provider ?? {}) as Record<string, Json[]>).flatMap(([type, configs]) =>
      configs.map((config, index) => block("provider", [type], body(config, schemas.get(`provider.${type}.${index}`) ?? NO_BLOCKS, type))),
    ),
    variables: Object.entries((json.variable ?? {}) as Record<string, Json>).map(([name, v]) => variableBlock(name, v)),
    locals: json.locals ? [block("locals", [], Object.entries(json.locals as Json).map(([name, value]) => attribute(name, valueExpr(value))))] : [],
    data: sortedInstances(json.data, order).map(([type, name, config]) =>
      block("data", [type, name], body(config, schemas.get(`data.${type}.${name}`) ?? NO_BLOCKS, `data.${type}`)),
    ),
    resources: sortedInstances(json.resource, order).map(([type, name, config]) =>
      block("resource", [type, name], body(config, schemas.get(`resource.${type}.${name}`) ?? NO_BLOCKS, type)),
    ),
    outputs: Object.entries((json.output ?? {}) as Record<string, Json>).map(([name, o]) => outputBlock(name, o)),
  };
}

/** Block schemas of every resource, data source and provider, from cdktf's HCL fragments. */
function elementSchemas(stack: TerraformStack): Map<string, BlockSchema> {
  const schemas = new Map<string, BlockSchema>();
  const providerIndex = new Map<string, number>();
  for (const element of stack.node.findAll()) {
    if (TerraformResource.isTerraformResource(element) || TerraformDataSource.isTerraformDataSource(element)) {
      const fragment = element.toHclTerraform() as Json;
      const kind = fragment.resource ? "resource" : "data";
      const byType = (fragment.resource ?? fragment.data)?.[element.terraformResourceType] ?? {};
      for (const [name, typed] of Object.entries(byType)) schemas.set(`${kind}.${element.terraformResourceType}.${name}`, blockSchemaOf(typed));
    } else if (TerraformProvider.isTerraformProvider(element)) {
      const type = element.terraformResourceType;
      const index = providerIndex.get(type) ?? 0;
      providerIndex.set(type, index + 1);
      const typed = (element.toHclTerraform() as Json).provider?.[type]?.[0];
      schemas.set(`provider.${type}.${index}`, blockSchemaOf(typed));
    }
  }
  return schemas;
}

/** Position of each resource and data source in construct order (Terraform JSON groups them by type). */
function elementOrder(stack: TerraformStack): Map<string, number> {
  const order = new Map<string, number>();
  for (const element of stack.node.findAll()) {
    if (TerraformResource.isTerraformResource(element) || TerraformDataSource.isTerraformDataSource(element)) {
      order.set(`${element.terraformResourceType}.${element.friendlyUniqueId}`, order.size);
    }
  }
  return order;
}

function sortedInstances(section: Json | undefined, order: Map<string, number>): [string, string, Json][] {
  const instances = Object.entries(section ?? {}).flatMap(([type, byName]) =>
    Object.entries(byName as Json).map(([name, config]) => [type, name, config] as [string, string, Json]),
  );
  const position = ([type, name]: [string, string, Json]) => order.get(`${type}.${name}`) ?? Number.MAX_SAFE_INTEGER;
  return instances.map((instance, index) => ({ instance, index })).sort((a, b) => position(a.instance) - position(b.instance) || a.index - b.index).map((x) => x.instance);
}

/** An argument name, which HCL cannot quote. */
function attributeName(key: string, path: string): string {
  if (!isIdentifier(key)) throw new Error(`${path}: ${JSON.stringify(key)} is not a valid HCL argument name`);
  return key;
}

/** A bare reference from a JSON reference string: `aws_x.y` or `${aws_x.y}`. */
function reference(value: unknown): Expr {
  if (typeof value !== "string") throw new Error(`expected a reference, found ${JSON.stringify(value)}`);
  return raw(singleInterpolation(value) ?? value);
}

/** An HCL expression for a Terraform JSON value. `path` (`<resource type>.<attribute>`) selects JSON-document handling. */
export function valueExpr(value: unknown, path?: string): Expr {
  if (typeof value === "string") {
    const document = path && JSON_DOCUMENT_ATTRIBUTES.has(path) ? jsonDocumentExpression(value) : undefined;
    return document ?? raw(hclTemplate(value));
  }
  if (typeof value === "number" || typeof value === "boolean" || value === null) return raw(JSON.stringify(value));
  if (Array.isArray(value)) return tuple(value.map((item) => valueExpr(item)));
  if (typeof value === "object") return object(Object.entries(value as Json).map(([key, item]) => ({ key: hclKey(key), value: valueExpr(item) })));
  throw new Error(`cannot write ${typeof value} as HCL`);
}

const META_FIRST = ["count", "for_each", "provider"] as const;
const META_LAST = new Set(["depends_on", "lifecycle", "dynamic", "//"]);
const UNSUPPORTED = new Set(["provisioner", "connection"]);

/** A resource, data source, provider or nested block body: meta-arguments, attributes, blocks, then depends_on and lifecycle. */
function body(config: Json, schema: BlockSchema, path: string): BodyItem[] {
  const items: BodyItem[] = [];
  for (const meta of META_FIRST) {
    if (config[meta] === undefined) continue;
    items.push(attribute(meta, meta === "provider" ? reference(config[meta]) : valueExpr(config[meta])));
  }
  const blocks: BodyItem[] = [];
  for (const [key, value] of Object.entries(config)) {
    if (UNSUPPORTED.has(key)) throw new Error(`the HCL writer does not handle ${key} blocks (${path})`);
    if (META_LAST.has(key) || (META_FIRST as readonly string[]).includes(key) || value === undefined) continue;
    const child = schema.blocks.get(key);
    if (child) {
      for (const instance of Array.isArray(value) ? value : [value]) blocks.push(block(key, [], body(instance, child, `${path}.${key}`)));
    } else {
      items.push(attribute(attributeName(key, path), valueExpr(value, `${path}.${key}`)));
    }
  }
  items.push(...blocks);
  for (const [name, dynamic] of Object.entries((config.dynamic ?? {}) as Record<string, Json>)) {
    items.push(dynamicBlock(name, dynamic, schema.blocks.get(name), `${path}.${name}`));
  }
  if (config.depends_on) items.push(attribute("depends_on", tuple((config.depends_on as unknown[]).map(reference))));
  if (config.lifecycle) items.push(block("lifecycle", [], lifecycleBody(config.lifecycle)));
  return items;
}

function dynamicBlock(name: string, dynamic: Json, known: BlockSchema | undefined, path: string): BodyItem {
  const items: BodyItem[] = [attribute("for_each", valueExpr(dynamic.for_each))];
  if (dynamic.iterator !== undefined) items.push(attribute("iterator", reference(dynamic.iterator)));
  if (dynamic.labels !== undefined) items.push(attribute("labels", valueExpr(dynamic.labels)));
  const content = (dynamic.content ?? {}) as Json;
  items.push(block("content", [], body(content, dynamicContentSchema(content, known), path)));
  return block("dynamic", [name], items);
}

function lifecycleBody(lifecycle: Json): BodyItem[] {
  const items: BodyItem[] = [];
  const conditions: BodyItem[] = [];
  for (const [key, value] of Object.entries(lifecycle)) {
    if (key === "ignore_changes") {
      // A list of attribute names, or the keyword `all`.
      items.push(attribute(key, Array.isArray(value) ? tuple(value.map(reference)) : reference(value)));
    } else if (key === "replace_triggered_by") {
      items.push(attribute(key, tuple((value as unknown[]).map(reference))));
    } else if (key === "precondition" || key === "postcondition") {
      for (const condition of value as Json[]) conditions.push(block(key, [], conditionBody(condition)));
    } else {
      items.push(attribute(key, valueExpr(value)));
    }
  }
  return [...items, ...conditions];
}

function conditionBody(condition: Json): BodyItem[] {
  return [attribute("condition", valueExpr(condition.condition)), attribute("error_message", valueExpr(condition.error_message))];
}

function terraformBlock(terraform: Json): BodyItem {
  const items: BodyItem[] = [];
  if (terraform.required_version !== undefined) items.push(attribute("required_version", raw(hclString(terraform.required_version))));
  const blocks: BodyItem[] = [];
  if (terraform.required_providers) {
    blocks.push(
      block(
        "required_providers",
        [],
        Object.entries(terraform.required_providers as Json).map(([name, requirement]) =>
          attribute(name, typeof requirement === "string" ? raw(hclString(requirement)) : literalObject(requirement)),
        ),
      ),
    );
  }
  for (const [type, config] of Object.entries((terraform.backend ?? {}) as Json)) {
    blocks.push(block("backend", [type], Object.entries(config as Json).map(([key, value]) => attribute(attributeName(key, "backend"), valueExpr(value)))));
  }
  for (const [key, value] of Object.entries(terraform)) {
    if (["required_version", "required_providers", "backend"].includes(key)) continue;
    if (key === "cloud") throw new Error("the HCL writer does not handle the cloud block");
    items.push(attribute(attributeName(key, "terraform"), valueExpr(value)));
  }
  return block("terraform", [], [...items, ...blocks]);
}

/** An object of literal strings (version constraints, sources: never templates). */
function literalObject(value: Json): Expr {
  return object(Object.entries(value).map(([key, item]) => ({ key: hclKey(key), value: typeof item === "string" ? raw(hclString(item)) : valueExpr(item) })));
}

const VARIABLE_ORDER = ["description", "type", "default", "nullable", "sensitive", "ephemeral"];

function variableBlock(name: string, variable: Json): BodyItem {
  const items: BodyItem[] = [];
  const keys = [...VARIABLE_ORDER.filter((key) => key in variable), ...Object.keys(variable).filter((key) => !VARIABLE_ORDER.includes(key) && key !== "validation")];
  for (const key of keys) {
    if (variable[key] === undefined) continue;
    // `type` is a type expression written as a string in Terraform JSON.
    items.push(attribute(key, key === "type" ? typeExpression(variable.type) : valueExpr(variable[key])));
  }
  for (const validation of (variable.validation ?? []) as Json[]) items.push(block("validation", [], conditionBody(validation)));
  return block("variable", [name], items);
}

function outputBlock(name: string, output: Json): BodyItem {
  const items: BodyItem[] = [];
  for (const [key, value] of Object.entries(output)) {
    if (value === undefined) continue;
    if (key === "depends_on") items.push(attribute(key, tuple((value as unknown[]).map(reference))));
    else if (key === "precondition") for (const condition of value as Json[]) items.push(block(key, [], conditionBody(condition)));
    else items.push(attribute(key, valueExpr(value)));
  }
  return block("output", [name], items);
}
