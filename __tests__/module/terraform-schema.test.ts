import { z } from "zod";
import { HealthCheckSchema } from "../../lib/config/schema";
import { HclExpression } from "../../lib/hcl/hcl-expression";
import { MODULE_INPUTS } from "../../lib/module/inputs";
import { jsonSchemaOf, snakeCase, terraformType, tokensOf, validationRules } from "../../lib/module/terraform-schema";

/** Terraform variable declarations from the config's zod schemas. */

describe("Terraform types", () => {
  test("config objects become objects with snake_case fields, optional ones with their defaults", () => {
    expect(terraformType(jsonSchemaOf(HealthCheckSchema))).toBe(
      'object({ path = optional(string, "/health"), matcher = optional(string, "200"), interval_seconds = optional(number, 15), timeout_seconds = optional(number, 5), healthy_threshold = optional(number, 2), unhealthy_threshold = optional(number, 3) })',
    );
  });

  test("a list of a discriminated union becomes a list of one object with every option's fields", () => {
    expect(terraformType(jsonSchemaOf(MODULE_INPUTS.policies))).toMatch(
      /^list\(object\(\{ type = string, target = optional\(number\), name = optional\(string\), scale_in_cooldown_seconds = optional\(number, 300\), .*, steps = optional\(list\(object\(\{ lower_bound = optional\(number\), upper_bound = optional\(number\), adjustment = number \}\)\)\) \}\)\)$/,
    );
  });

  test("a union of constants becomes an enum of their type", () => {
    const periods = jsonSchemaOf(z.union([z.literal(10), z.literal(60)]).default(60));
    expect(periods).toMatchObject({ type: "number", enum: [10, 60], default: 60 });
    expect(terraformType(periods)).toBe("number");
  });

  test("options whose fields differ in type cannot share one object", () => {
    const union = z.array(z.discriminatedUnion("type", [z.object({ type: z.literal("a"), x: z.number() }), z.object({ type: z.literal("b"), x: z.string() })]));
    expect(() => terraformType(jsonSchemaOf(union))).toThrow("union field x has different types in different options");
  });

  test("a field only some options have is optional", () => {
    const union = z.array(z.discriminatedUnion("type", [z.object({ type: z.literal("a"), x: z.number() }), z.object({ type: z.literal("b") })]));
    expect(terraformType(jsonSchemaOf(union))).toBe("list(object({ type = string, x = optional(number) }))");
  });

  test("records become maps, enums their value type", () => {
    expect(terraformType(jsonSchemaOf(z.record(z.string(), z.number())))).toBe("map(number)");
    expect(terraformType(jsonSchemaOf(z.enum(["A", "B"])))).toBe("string");
  });

  test("names become snake_case", () => {
    expect(snakeCase("scaleInCooldownSeconds")).toBe("scale_in_cooldown_seconds");
  });
});

describe("validation rules", () => {
  test("integers with bounds", () => {
    expect(validationRules(jsonSchemaOf(z.number().int().min(1).max(65535)), "port", false)).toEqual([
      { condition: "floor(var.port) == var.port && var.port >= 1 && var.port <= 65535", errorMessage: "port must be a whole number from 1 to 65535." },
    ]);
  });

  test("allowed values", () => {
    expect(validationRules(jsonSchemaOf(z.number().meta({ enum: [256, 512] })), "cpu", false)).toEqual([
      { condition: "contains([256, 512], var.cpu)", errorMessage: "cpu must be one of 256, 512." },
    ]);
  });

  test("patterns, with backslashes escaped for HCL strings", () => {
    expect(validationRules(jsonSchemaOf(z.string().regex(/^\d+$/)), "id", false)[0].condition).toBe('can(regex("^\\\\d+$", var.id))');
  });

  test("map keys and list items are checked one by one", () => {
    expect(validationRules(jsonSchemaOf(z.record(z.string().regex(/^[A-Z]+$/), z.string())), "env", false)[0].condition).toBe(
      'alltrue([for key in keys(var.env) : can(regex("^[A-Z]+$", key))])',
    );
    expect(validationRules(jsonSchemaOf(z.array(z.string().regex(/^a$/)).min(1)), "list", false).map((r) => r.condition)).toEqual([
      "length(var.list) >= 1",
      'alltrue([for item in var.list : can(regex("^a$", item))])',
    ]);
  });

  test("a map's size limits (minProperties, maxProperties, as .meta() gives them) become a length check with the limits in its message", () => {
    const rules = validationRules(jsonSchemaOf(z.record(z.string(), z.string()).meta({ minProperties: 1, maxProperties: 30 })), "tags", false);
    expect(rules).toEqual([{ condition: "length(var.tags) >= 1 && length(var.tags) <= 30", errorMessage: "tags must have at least 1 entry and at most 30 entries." }]);
    const nested = validationRules(jsonSchemaOf(z.object({ dimensions: z.record(z.string(), z.string()).meta({ maxProperties: 2 }).optional() })), "metric", false);
    expect(nested).toEqual([{ condition: "(var.metric.dimensions == null ? true : (length(var.metric.dimensions) <= 2))", errorMessage: "metric.dimensions must have at most 2 entries." }]);
  });

  test("a nullable variable passes when null", () => {
    expect(validationRules(jsonSchemaOf(z.number().min(1)), "n", true)[0].condition).toBe("(var.n == null ? true : (var.n >= 1))");
  });

  test("union items: the kind must be known, and each kind's fields valid; a rule several kinds share is written once", () => {
    const union = z.array(
      z.discriminatedUnion("type", [
        z.object({ type: z.literal("a"), target: z.number().max(100), name: z.string().regex(/^n$/).optional() }),
        z.object({ type: z.literal("b"), target: z.number().max(5), name: z.string().regex(/^n$/).optional() }),
      ]),
    );
    const rules = validationRules(jsonSchemaOf(union), "policies", false);
    expect(rules.map((r) => r.errorMessage)).toEqual([
      'type of every item of policies must be one of "a", "b".',
      "policies: target is required.",
      'policies of type "a": target must be a number, at most 100.',
      "policies: name must match ^n$.",
      'policies of type "b": target must be a number, at most 5.',
    ]);
    expect(rules[1].condition).toBe("alltrue([for item in var.policies : item.target != null])");
    expect(rules[2].condition).toBe('alltrue([for item in var.policies : item.type == "a" ? (item.target == null ? true : (item.target <= 100)) : true])');
  });

  test("nested objects, maps and lists are checked at any depth, each loop with its own variable", () => {
    const schema = z.array(z.object({ type: z.literal("s"), steps: z.array(z.object({ adjustment: z.number().int().min(-5) })).min(1) }));
    const rules = validationRules(jsonSchemaOf(z.array(z.discriminatedUnion("type", [schema.element]))), "policies", false);
    expect(rules.map((r) => r.condition)).toContain(
      "alltrue([for item in var.policies : (item.steps == null ? true : (alltrue([for item2 in item.steps : (item2.adjustment == null ? true : (floor(item2.adjustment) == item2.adjustment && item2.adjustment >= -5))])))])",
    );
    const maps = validationRules(jsonSchemaOf(z.object({ metrics: z.record(z.string().regex(/^m$/), z.object({ name: z.string().min(1) })).optional() })), "source", false);
    expect(maps.map((r) => r.condition)).toEqual([
      "(var.source.metrics == null ? true : (alltrue([for key in keys(var.source.metrics) : can(regex(\"^m$\", key))])))",
      "(var.source.metrics == null ? true : (alltrue([for value in values(var.source.metrics) : value.name != null])))",
      "(var.source.metrics == null ? true : (alltrue([for value in values(var.source.metrics) : (value.name == null ? true : (length(value.name) >= 1))])))",
    ]);
  });
});

describe("config-shaped tokens", () => {
  test("object fields keep their config names and become references to the snake_case attributes", () => {
    const tokens = tokensOf(jsonSchemaOf(HealthCheckSchema), "var.health_check");
    expect(Object.keys(tokens)).toEqual(["path", "matcher", "intervalSeconds", "timeoutSeconds", "healthyThreshold", "unhealthyThreshold"]);
    expect(tokens.path).toBe("${var.health_check.path}");
  });

  test("an object field that may be null is one plan-time expression, not fields of it", () => {
    const tokens = tokensOf(jsonSchemaOf(z.object({ metric: z.object({ name: z.string() }).optional(), label: z.string() })), "each.value");
    expect(HclExpression.isHclExpression(tokens.metric)).toBe(true);
    expect(tokens.metric.text).toBe("each.value.metric");
    expect(tokens.label).toBe("${each.value.label}");
  });

  test("a union option's discriminator stays its constant", () => {
    const cpu = jsonSchemaOf(MODULE_INPUTS.policies).items!.oneOf![0];
    expect(tokensOf(cpu, "each.value").type).toBe("cpu");
  });
});
