import { BindingSource } from "./binding-parser";
import { blockSchema, mainScope } from "./binding-schema";
import { BindingKind, bindingsRoot, readBindingSource } from "./binding-source";
import type { ProviderSchemaDocument, SchemaBlock } from "./provider-schema";

/** The resource and data source types a schema must cover. */
export interface SchemaRequest {
  /** Managed resource types, e.g. `aws_ecs_service`. */
  readonly resources: readonly string[];
  /** Data source types, e.g. `aws_vpc`. */
  readonly dataSources: readonly string[];
}

/** The base class each kind of binding extends. */
const BASES: Readonly<Record<BindingKind, string>> = { resource: "TerraformResource", data: "TerraformDataSource", provider: "TerraformProvider" };

/**
 * Provider arguments that cdktf adds to the provider binding but that are Terraform's own
 * meta-arguments, not part of the provider's schema.
 */
const PROVIDER_META_ARGUMENTS: ReadonlySet<string> = new Set(["alias"]);

/** One binding's main class, checked to be the type and kind asked for. */
function bindingOf(kind: BindingKind, type: string, root: string): BindingSource {
  const label = `${kind === "data" ? "data source" : kind} ${type}`;
  const source = new BindingSource(readBindingSource(kind, type, root), label);
  const main = source.mainClass();
  if (main.base !== BASES[kind]) throw new Error(`${label}: the binding's class ${main.name} extends ${main.base}, not ${BASES[kind]}`);
  if (kind !== "provider" && main.terraformType !== type) throw new Error(`${label}: the binding is for ${main.terraformType}`);
  return source;
}

/**
 * The AWS provider's schema for the given types, derived from the installed
 * `@cdktf/provider-aws` bindings (see binding-schema.ts for what they record). Each
 * binding is read once; nothing else of the 2,200 is touched.
 */
export function deriveProviderSchema(request: SchemaRequest, root: string = bindingsRoot()): ProviderSchemaDocument {
  const provider = bindingOf("provider", "aws", root);
  const providerBlock = blockSchema(provider, mainScope(provider));
  const schemas = (kind: BindingKind, types: readonly string[]): Record<string, SchemaBlock> =>
    Object.fromEntries(
      [...new Set(types)].sort().map((type) => {
        const source = bindingOf(kind, type, root);
        return [type, blockSchema(source, mainScope(source))];
      }),
    );
  return {
    source: `registry.terraform.io/hashicorp/${provider.mainClass().terraformType}`,
    version: provider.generatorVersion(),
    provider: { ...providerBlock, attributes: providerBlock.attributes.filter((a) => !PROVIDER_META_ARGUMENTS.has(a.name)) },
    resources: schemas("resource", request.resources),
    dataSources: schemas("data", request.dataSources),
  };
}
