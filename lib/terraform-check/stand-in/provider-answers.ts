import type { ProviderSchemaDocument } from "../schema/provider-schema";
import type { StandInAnswers } from "./answers";
import { schemaMessage } from "./schema-messages";
import { encodeAnswers } from "./wire-format";

/**
 * The stand-in's answers for one schema document. It answers with the schema and accepts
 * every configuration that fits it: Terraform itself checks names, types, required
 * arguments and block counts against the schema before it asks a provider to validate;
 * the real provider's own value checks (allowed strings, lengths) are not in the bindings.
 * Everything that would talk to AWS (configure, plan, apply, read, import, state upgrades)
 * fails with a diagnostic that says so. Under `terraform test`, `mock_provider "aws"` handles
 * those calls itself and asks the provider only for its schema and for validation.
 */

const PROVIDER = "/tfplugin6.Provider";

const SCHEMA_ONLY = {
  severity: "ERROR",
  summary: "Stand-in provider: schema and validation only",
  detail:
    "This hashicorp/aws provider is the offline stand-in of ecs-ai-autoscaling (lib/terraform-check): it serves the provider's schema for terraform validate and for terraform test with mock_provider, and cannot configure, plan, apply or read anything. Use the real provider for that.",
};

const NO_EPHEMERAL = { severity: "ERROR", summary: "No ephemeral resources", detail: "The stand-in provider serves no ephemeral resource types." };

/** The encoded answers of the stand-in for a schema document. */
export function providerAnswers(document: ProviderSchemaDocument): StandInAnswers {
  const capabilities = { plan_destroy: false, get_provider_schema_optional: false, move_resource_state: false };
  const schemas = (blocks: ProviderSchemaDocument["resources"]) => Object.fromEntries(Object.entries(blocks).map(([type, block]) => [type, schemaMessage(block)]));
  const valid = { diagnostics: [] };
  const schemaOnly = { diagnostics: [SCHEMA_ONLY] };
  return encodeAnswers(
    {
      [`${PROVIDER}/GetMetadata`]: {
        server_capabilities: capabilities,
        resources: Object.keys(document.resources).map((type_name) => ({ type_name })),
        data_sources: Object.keys(document.dataSources).map((type_name) => ({ type_name })),
      },
      [`${PROVIDER}/GetProviderSchema`]: {
        provider: schemaMessage(document.provider),
        resource_schemas: schemas(document.resources),
        data_source_schemas: schemas(document.dataSources),
        provider_meta: schemaMessage({ attributes: [], blockTypes: [] }),
        server_capabilities: capabilities,
      },
      [`${PROVIDER}/ValidateProviderConfig`]: valid,
      [`${PROVIDER}/ValidateResourceConfig`]: valid,
      [`${PROVIDER}/ValidateDataResourceConfig`]: valid,
      [`${PROVIDER}/ValidateEphemeralResourceConfig`]: { diagnostics: [NO_EPHEMERAL] },
      [`${PROVIDER}/GetFunctions`]: valid,
      [`${PROVIDER}/UpgradeResourceState`]: schemaOnly,
      [`${PROVIDER}/ConfigureProvider`]: schemaOnly,
      [`${PROVIDER}/ReadResource`]: schemaOnly,
      [`${PROVIDER}/PlanResourceChange`]: schemaOnly,
      [`${PROVIDER}/ApplyResourceChange`]: schemaOnly,
      [`${PROVIDER}/ImportResourceState`]: schemaOnly,
      [`${PROVIDER}/ReadDataSource`]: schemaOnly,
      [`${PROVIDER}/StopProvider`]: { Error: "" },
      "/grpc.health.v1.Health/Check": { status: "SERVING" },
      "/plugin.GRPCController/Shutdown": {},
    },
    "/plugin.GRPCController/Shutdown",
  );
}
