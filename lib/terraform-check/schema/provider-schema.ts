/**
 * A Terraform provider schema as the plugin protocol carries it (tfplugin6 `Schema`):
 * blocks of attributes and nested blocks, attribute types as cty type JSON. The stand-in
 * provider serves a document of this shape; `derive-schema.ts` builds it from the
 * `@cdktf/provider-aws` bindings.
 */

/** A cty type in its JSON form: `"string"`, `["list", "string"]`, `["object", { "a": "number" }]`, `"dynamic"`. */
export type CtyType =
  | "string"
  | "number"
  | "bool"
  | "dynamic"
  | readonly ["list" | "set" | "map", CtyType]
  | readonly ["object", { readonly [name: string]: CtyType }];

/** One attribute of a block. Exactly one of required, optional or computed-only holds. */
export interface SchemaAttribute {
  readonly name: string;
  readonly type: CtyType;
  /** The configuration must set it. */
  readonly required: boolean;
  /** The configuration may set it. */
  readonly optional: boolean;
  /** The provider sets it when the configuration does not (or always, when not optional). */
  readonly computed: boolean;
}

/** How a nested block repeats (tfplugin6 `Schema.NestedBlock.NestingMode`). */
export type NestingMode = "SINGLE" | "LIST" | "SET" | "MAP";

/** A nested block type of a block. */
export interface NestedBlock {
  readonly typeName: string;
  readonly nesting: NestingMode;
  /** At least this many blocks (1 for a required block). */
  readonly minItems: number;
  /** At most this many blocks; 0 for no limit. */
  readonly maxItems: number;
  readonly block: SchemaBlock;
}

/** A configuration block: a resource's body, a provider's body, or a nested block. */
export interface SchemaBlock {
  readonly attributes: readonly SchemaAttribute[];
  readonly blockTypes: readonly NestedBlock[];
}

/** Everything a stand-in provider serves: what `GetProviderSchema` answers. */
export interface ProviderSchemaDocument {
  /** The provider's registry address, e.g. `registry.terraform.io/hashicorp/aws`. */
  readonly source: string;
  /** The provider version whose bindings the schema was derived from, e.g. `6.25.0`. */
  readonly version: string;
  readonly provider: SchemaBlock;
  /** Managed resource types by name (`aws_ecs_service`). */
  readonly resources: { readonly [type: string]: SchemaBlock };
  /** Data source types by name (`aws_vpc`). */
  readonly dataSources: { readonly [type: string]: SchemaBlock };
}
