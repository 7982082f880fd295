import * as fs from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BindingSource } from "../../lib/terraform-check/schema/binding-parser";
import { blockSchema, mainScope } from "../../lib/terraform-check/schema/binding-schema";
import { bindingFolder, bindingsRoot, readBindingSource } from "../../lib/terraform-check/schema/binding-source";
import { deriveProviderSchema } from "../../lib/terraform-check/schema/derive-schema";
import type { NestedBlock, SchemaAttribute, SchemaBlock } from "../../lib/terraform-check/schema/provider-schema";
import { awsTypesIn, mergeRequests } from "../../lib/terraform-check/schema/used-types";

/** The AWS provider schema the stand-in serves, derived from the installed @cdktf/provider-aws bindings. */

const schema = deriveProviderSchema({ resources: ["aws_ecs_service", "aws_lb_listener_rule"], dataSources: ["aws_vpc"] });

function attribute(block: SchemaBlock, name: string): SchemaAttribute {
  const found = block.attributes.find((a) => a.name === name);
  if (!found) throw new Error(`no attribute ${name}`);
  return found;
}

function nested(block: SchemaBlock, name: string): NestedBlock {
  const found = block.blockTypes.find((b) => b.typeName === name);
  if (!found) throw new Error(`no block ${name}`);
  return found;
}

const flags = (a: SchemaAttribute) => ({ required: a.required, optional: a.optional, computed: a.computed });

describe("deriveProviderSchema", () => {
  test("names the provider and the version the bindings were generated from", () => {
    expect(schema.source).toBe("registry.terraform.io/hashicorp/aws");
    expect(schema.version).toBe("6.25.0");
  });

  test("covers exactly the requested types", () => {
    expect(Object.keys(schema.resources)).toEqual(["aws_ecs_service", "aws_lb_listener_rule"]);
    expect(Object.keys(schema.dataSources)).toEqual(["aws_vpc"]);
  });

  test("a required argument is required", () => {
    expect(attribute(schema.resources.aws_ecs_service, "name")).toEqual({ name: "name", type: "string", required: true, optional: false, computed: false });
  });

  test("an optional argument the provider fills in is optional and computed", () => {
    expect(flags(attribute(schema.resources.aws_ecs_service, "tags_all"))).toEqual({ required: false, optional: true, computed: true });
    expect(attribute(schema.resources.aws_ecs_service, "tags_all").type).toEqual(["map", "string"]);
  });

  test("an attribute only the provider sets (the getter without a setter) is computed only", () => {
    expect(attribute(schema.resources.aws_ecs_service, "arn")).toEqual({ name: "arn", type: "string", required: false, optional: false, computed: true });
  });

  test("numbers and booleans keep their types", () => {
    expect(attribute(schema.resources.aws_ecs_service, "desired_count").type).toBe("number");
    expect(attribute(schema.resources.aws_ecs_service, "force_new_deployment").type).toBe("bool");
  });

  test("a repeatable block held by a set is a SET block without limits", () => {
    const strategy = nested(schema.resources.aws_ecs_service, "capacity_provider_strategy");
    expect([strategy.nesting, strategy.minItems, strategy.maxItems]).toEqual(["SET", 0, 0]);
    expect(flags(attribute(strategy.block, "capacity_provider"))).toEqual({ required: true, optional: false, computed: false });
    expect(attribute(strategy.block, "weight").type).toBe("number");
  });

  test("a set block holding a nested block the bindings type as any is a LIST block, the any a dynamic attribute", () => {
    // Terraform refuses dynamic types in set blocks; the real provider's rule.statement is a block the generator did not expand.
    const acl = deriveProviderSchema({ resources: ["aws_wafv2_web_acl"], dataSources: [] }).resources.aws_wafv2_web_acl;
    const rule = nested(acl, "rule");
    expect([rule.nesting, rule.minItems, rule.maxItems]).toEqual(["LIST", 0, 0]);
    expect(attribute(rule.block, "statement")).toEqual({ name: "statement", type: "dynamic", required: false, optional: true, computed: false });
    // A set block without a dynamic part stays a set.
    expect(nested(acl, "custom_response_body").nesting).toBe("SET");
  });

  test("a block held by one output reference is a LIST block of at most one", () => {
    const breaker = nested(schema.resources.aws_ecs_service, "deployment_circuit_breaker");
    expect([breaker.nesting, breaker.minItems, breaker.maxItems]).toEqual(["LIST", 0, 1]);
    expect(breaker.block.attributes.map((a) => [a.name, a.type, a.required])).toEqual([
      ["enable", "bool", true],
      ["rollback", "bool", true],
    ]);
  });

  test("timeouts are a SINGLE block with equal bounds", () => {
    const timeouts = nested(schema.resources.aws_ecs_service, "timeouts");
    expect([timeouts.nesting, timeouts.minItems, timeouts.maxItems]).toEqual(["SINGLE", 0, 0]);
    expect(timeouts.block.attributes.map((a) => a.name)).toEqual(["create", "delete", "update"]);
  });

  test("a required block needs at least one item", () => {
    const rule = schema.resources.aws_lb_listener_rule;
    expect([nested(rule, "action").nesting, nested(rule, "action").minItems]).toEqual(["LIST", 1]);
    expect([nested(rule, "condition").nesting, nested(rule, "condition").minItems]).toEqual(["SET", 1]);
  });

  test("blocks nest in blocks", () => {
    const forward = nested(nested(schema.resources.aws_lb_listener_rule, "action").block, "forward");
    const targetGroup = nested(forward.block, "target_group");
    expect([forward.maxItems, targetGroup.nesting, targetGroup.minItems]).toEqual([1, "SET", 1]);
  });

  test("a set of strings is a set, a list of strings a list", () => {
    const pathPattern = nested(nested(schema.resources.aws_lb_listener_rule, "condition").block, "path_pattern");
    expect(attribute(pathPattern.block, "values").type).toEqual(["set", "string"]);
    expect(attribute(schema.dataSources.aws_vpc, "cidr_block").type).toBe("string");
  });

  test("a computed list of objects is an attribute typed by the objects' getters", () => {
    expect(attribute(schema.dataSources.aws_vpc, "cidr_block_associations")).toEqual({
      name: "cidr_block_associations",
      type: ["list", ["object", { association_id: "string", cidr_block: "string", state: "string" }]],
      required: false,
      optional: false,
      computed: true,
    });
  });

  test("the provider's configuration has its arguments and blocks, without cdktf's alias", () => {
    expect(schema.provider.attributes.map((a) => a.name)).not.toContain("alias");
    expect(flags(attribute(schema.provider, "region"))).toEqual({ required: false, optional: true, computed: false });
    const tags = nested(schema.provider, "default_tags");
    expect([tags.nesting, tags.block.attributes]).toEqual(["LIST", [{ name: "tags", type: ["map", "string"], required: false, optional: true, computed: false }]]);
    expect(flags(attribute(nested(schema.provider, "assume_role").block, "role_arn"))).toEqual({ required: false, optional: true, computed: false });
  });

  test("reads only the bindings of the requested types (and the provider's)", () => {
    // A bindings folder that holds just those two: derivation must not need any other.
    const root = fs.mkdtempSync(join(tmpdir(), "bindings-"));
    try {
      for (const folder of ["provider", "sqs-queue"]) fs.symlinkSync(join(bindingsRoot(), folder), join(root, folder));
      const only = deriveProviderSchema({ resources: ["aws_sqs_queue"], dataSources: [] }, root);
      expect(Object.keys(only.resources)).toEqual(["aws_sqs_queue"]);
      expect(() => deriveProviderSchema({ resources: ["aws_sqs_queue_policy"], dataSources: [] }, root)).toThrow(/resource aws_sqs_queue_policy: no binding/);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  test("an unknown type is an error naming it", () => {
    expect(() => deriveProviderSchema({ resources: ["aws_ecs_servce"], dataSources: [] })).toThrow(/resource aws_ecs_servce: no binding at .*ecs-servce\/index\.js/);
  });

  test("a data source asked for as a resource is an error", () => {
    expect(() => deriveProviderSchema({ resources: ["aws_partition"], dataSources: [] })).toThrow(/resource aws_partition: no binding/);
  });
});

describe("bindingFolder", () => {
  test("resources drop aws_, data sources become data-aws-", () => {
    expect(bindingFolder("resource", "aws_ecs_service")).toBe("ecs-service");
    expect(bindingFolder("data", "aws_vpc")).toBe("data-aws-vpc");
    expect(bindingFolder("provider", "aws")).toBe("provider");
  });

  test("rejects names that are not AWS type names", () => {
    expect(() => bindingFolder("resource", "../etc/passwd")).toThrow("../etc/passwd: not an AWS provider type name (aws_ followed by lowercase letters, digits and _)");
  });
});

describe("readBindingSource", () => {
  test("returns the TypeScript the binding was compiled from", () => {
    const source = readBindingSource("resource", "aws_sqs_queue");
    expect(source).toContain("export class SqsQueue extends cdktf.TerraformResource");
    expect(source).toContain("// arn - computed: true, optional: false, required: false");
  });
});

/** A binding source in the generator's form, with one member written by the test. */
function sourceWith(member: string): BindingSource {
  const text = [
    "export class FooThing extends cdktf.TerraformResource {",
    '  public static readonly tfResourceType = "aws_foo_thing";',
    "  // name - computed: false, optional: false, required: true",
    "  private _name?: string; ",
    "  public get name() {",
    "    return this.getStringAttribute('name');",
    "  }",
    member,
    "  protected synthesizeHclAttributes(): { [name: string]: any } {",
    "    const attrs = {",
    "      name: {",
    "        value: cdktf.stringToHclTerraform(this._name),",
    "        isBlock: false,",
    '        type: "simple",',
    '        storageClassType: "string",',
    "      },",
    "    };",
    "  }",
    "}",
  ].join("\n");
  return new BindingSource(text, "resource aws_foo_thing");
}

describe("BindingSource", () => {
  test("reads a computed number map from its getter", () => {
    const source = sourceWith(["  // limits - computed: true, optional: false, required: false", "  public get limits() {", "    return this.getNumberMapAttribute('limits');", "  }"].join("\n"));
    expect(blockSchema(source, mainScope(source)).attributes).toEqual([
      { name: "name", type: "string", required: true, optional: false, computed: false },
      { name: "limits", type: ["map", "number"], required: false, optional: false, computed: true },
    ]);
  });

  test("a getter form it does not know is an error, not a guess", () => {
    const source = sourceWith(["  // odd - computed: true, optional: false, required: false", "  public get odd() {", "    return this.getSomethingNew('odd');", "  }"].join("\n"));
    expect(() => blockSchema(source, mainScope(source))).toThrow("FooThing.odd: unknown getter form this.getSomethingNew('odd')");
  });

  test("a configurable member missing from the HCL attributes is an error", () => {
    const source = sourceWith(["  // size - computed: false, optional: true, required: false", "  public get size() {", "    return this.getNumberAttribute('size');", "  }"].join("\n"));
    expect(() => blockSchema(source, mainScope(source))).toThrow("FooThing.size is configurable but missing from the HCL fragment");
  });

  test("an unexpected line in the HCL attributes is an error with its line", () => {
    const source = new BindingSource(
      ["export class FooThing extends cdktf.TerraformResource {", '  public static readonly tfResourceType = "aws_foo_thing";', "  protected synthesizeHclAttributes() {", "    const attrs = {", "      ...spread,", "    };", "  }", "}"].join("\n"),
      "resource aws_foo_thing",
    );
    expect(() => source.hclEntries({ mainClass: "FooThing" })).toThrow("resource aws_foo_thing:5: unexpected line in the HCL attributes of class FooThing: ...spread,");
  });
});

describe("awsTypesIn", () => {
  test("finds resource and data source types in Terraform JSON and in HCL", () => {
    const request = awsTypesIn([
      { path: "cdk.tf.json", text: JSON.stringify({ resource: { aws_ecs_service: {}, random_id: {} }, data: { aws_vpc: {} } }) },
      { path: "main.tf", text: 'data "aws_lb" "shared" {\n  name = "x"\n}\n\nresource "aws_iam_role_policy" "p" {\n}\n  resource "aws_not_top_level" "x" {}\n' },
      { path: "README.md", text: 'resource "aws_s3_bucket" "x" {}' },
    ]);
    expect(request).toEqual({ resources: ["aws_ecs_service", "aws_iam_role_policy"], dataSources: ["aws_lb", "aws_vpc"] });
  });

  test("merges requests without repeats", () => {
    expect(mergeRequests([{ resources: ["aws_b", "aws_a"], dataSources: [] }, { resources: ["aws_a"], dataSources: ["aws_c"] }])).toEqual({ resources: ["aws_a", "aws_b"], dataSources: ["aws_c"] });
  });
});
