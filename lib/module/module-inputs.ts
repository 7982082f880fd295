import { TerraformVariable } from "cdktf";
import { Construct } from "constructs";
import type { z } from "zod";
import { HclExpression } from "../hcl/hcl-expression";
import { literalText } from "../hcl/template";
import { JsonSchema, jsonSchemaOf, snakeKeys, terraformType, tokensOf, validationRules } from "./terraform-schema";

export interface ModuleInputsProps<T extends Record<string, z.ZodType>> {
  /** Input schemas by variable name; declared in this order. */
  readonly inputs: T;
}

/**
 * A module's input variables, declared from zod schemas: type, description, default and
 * validation blocks come from the schema; each variable keeps its name (no cdktf hash).
 * A variable with a default is not nullable (null means the default); an optional one
 * without a default is null when not set.
 */
export class ModuleInputs<T extends Record<string, z.ZodType>> extends Construct {
  public readonly variables: ReadonlyMap<keyof T & string, TerraformVariable>;
  private readonly schemas = new Map<string, JsonSchema>();
  private readonly required = new Set<string>();

  constructor(scope: Construct, id: string, props: ModuleInputsProps<T>) {
    super(scope, id);
    const variables = new Map<keyof T & string, TerraformVariable>();
    for (const [name, schema] of Object.entries(props.inputs)) {
      const json = jsonSchemaOf(schema);
      this.schemas.set(name, json);
      const optional = schema.safeParse(undefined).success;
      if (!optional) this.required.add(name);
      const nullable = optional && json.default === undefined;
      const variable = new TerraformVariable(this, name, {
        // A description is a string Terraform reads as a template like any other: `${` is written `$${`.
        description: json.description === undefined ? undefined : literalText(json.description),
        type: terraformType(json),
        ...(json.default !== undefined ? { default: snakeKeys(json.default) } : {}),
        ...(nullable ? {} : { nullable: false }),
      });
      for (const rule of validationRules(json, name, nullable)) variable.addValidation({ condition: `\${${rule.condition}}`, errorMessage: rule.errorMessage });
      // cdktf's TerraformVariable cannot take `default: null` (it throws); an override can.
      if (nullable) variable.addOverride("default", null);
      variable.overrideLogicalId(name);
      variables.set(name, variable);
    }
    this.variables = variables;
  }

  /** The JSON Schema an input was declared from. */
  public schemaOf(name: keyof T & string): JsonSchema {
    return this.schemas.get(name)!;
  }

  /** True when the caller must set the input (no default, not optional). */
  public isRequired(name: keyof T & string): boolean {
    return this.required.has(name);
  }

  /** An input's value as config-shaped Terraform tokens (object fields under their config names). */
  public value<K extends keyof T & string>(name: K): z.output<T[K]> {
    return tokensOf(this.schemaOf(name), `var.${name}`);
  }

  /** An input as an HCL expression (`var.<name>`). */
  public expression(name: keyof T & string): HclExpression {
    return HclExpression.of(`var.${name}`);
  }
}
