import { z } from "zod";
import { HealthCheckSchema } from "../../lib/config/schema";
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
    expect(terraformType(jsonSchemaOf(MODULE_INPUTS.policies))).toBe(
      "list(object({ type = string, target = number, scale_in_cooldown_seconds = optional(number, 300), scale_out_cooldown_seconds = optional(number, 60), disable_scale_in = optional(bool, false) }))",
    );
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

  test("a nullable variable passes when null", () => {
    expect(validationRules(jsonSchemaOf(z.number().min(1)), "n", true)[0].condition).toBe("(var.n == null ? true : (var.n >= 1))");
  });

  test("union items: the kind must be known, and each kind's required fields set and valid", () => {
    const rules = validationRules(jsonSchemaOf(MODULE_INPUTS.policies), "policies", false);
    expect(rules.map((r) => r.errorMessage)).toEqual([
      "policies must have at least 1 item and at most 4 items.",
      'type of every item of policies must be one of "cpu", "memory", "requests", "latency".',
      expect.stringMatching(/^policies of type "cpu": target is required and must be a number, greater than 0, at most 100; /),
      expect.stringMatching(/^policies of type "memory": /),
      expect.stringMatching(/^policies of type "requests": target is required and must be a number, greater than 0, at most 1000000000; /),
      expect.stringMatching(/^policies of type "latency": /),
    ]);
    expect(rules[2].condition).toMatch(/^alltrue\(\[for item in var\.policies : item\.type == "cpu" \? \(\(item\.target == null \? false : \(item\.target > 0 && item\.target <= 100\)\) && /);
  });
});

describe("config-shaped tokens", () => {
  test("object fields keep their config names and become references to the snake_case attributes", () => {
    const tokens = tokensOf(jsonSchemaOf(HealthCheckSchema), "var.health_check");
    expect(Object.keys(tokens)).toEqual(["path", "matcher", "intervalSeconds", "timeoutSeconds", "healthyThreshold", "unhealthyThreshold"]);
    expect(tokens.path).toBe("${var.health_check.path}");
  });

  test("a union option's discriminator stays its constant", () => {
    const cpu = jsonSchemaOf(MODULE_INPUTS.policies).items!.oneOf![0];
    expect(tokensOf(cpu, "each.value").type).toBe("cpu");
  });
});
