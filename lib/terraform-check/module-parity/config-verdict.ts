import { tmpdir } from "node:os";
import { App, Testing } from "cdktf";
import { formatPath } from "../../config/problems";
import { validateEnvironment } from "../../config/validate";
import { MODULE_INPUTS, ModuleInputName } from "../../module/inputs";
import { JsonSchema, jsonSchemaOf, snakeCase } from "../../module/terraform-schema";
import { PolicyReport } from "../../security/report";
import { EnvironmentStack } from "../../../stacks/environment-stack";
import type { ModuleInputValues } from "./module-case";

/**
 * The config's verdict on module inputs: the inputs become one service of an environment, as a
 * `config/<env>.yaml` would say it, checked by the config validation with every rule that spans
 * fields and then synthesized with the security rules, as `npm run synth` does. The module's own
 * inputs (cluster, network, listener) are checked with the schemas their validation blocks come
 * from.
 */

export interface ConfigVerdict {
  readonly accepted: boolean;
  /** What rejected the inputs, one line each. */
  readonly problems: readonly string[];
}

/** The service's name in the environment (the module's name is the service's whole AWS name). */
export const SERVICE = "chat";

/** The environment the inputs are checked in: its Region and account are the ones of the base inputs' ARNs. */
const ENVIRONMENT = { project: "acme", region: "eu-west-1", accountId: "123456789012", state: { bucket: "acme-terraform-state" } };

/** Tasks with public IPs are the config's default VPC; without, an existing VPC's private subnets. */
const PUBLIC_NETWORK = { mode: "default-vpc" };
const PRIVATE_NETWORK = {
  mode: "existing",
  vpcId: "vpc-0123456789abcdef0",
  publicSubnetIds: ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"],
  privateSubnetIds: ["subnet-0123456789abcdef2"],
};

/** A module value with its object fields in the config's camelCase; map keys (variable names, metric ids, dimensions) stay. */
export function configValue(schema: JsonSchema, value: unknown): unknown {
  if (value === null || value === undefined || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    const item = schema.items ?? {};
    return value.map((element) => configValue(item.oneOf ? optionOf(item, element) : item, element));
  }
  if (schema.oneOf) return configValue(optionOf(schema, value), value);
  if (schema.properties) {
    const bySnake = new Map(Object.entries(schema.properties).map(([key, field]) => [snakeCase(key), [key, field] as const]));
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, item]) => item !== null)
        .map(([key, item]) => {
          const known = bySnake.get(key);
          // A field the schema does not know keeps its name, so the config reports it as unknown.
          return known ? [known[0], configValue(known[1], item)] : [key, item];
        }),
    );
  }
  const values = typeof schema.additionalProperties === "object" ? schema.additionalProperties : {};
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, configValue(values, item)]));
}

/** The option of a union a value is, by its discriminator. */
function optionOf(union: JsonSchema, value: unknown): JsonSchema {
  const type = (value as { type?: unknown } | null)?.type;
  return union.oneOf?.find((option) => option.properties?.type?.const === type) ?? {};
}

const schemas = new Map<ModuleInputName, JsonSchema>();
function schemaOf(name: ModuleInputName): JsonSchema {
  let schema = schemas.get(name);
  if (!schema) schemas.set(name, (schema = jsonSchemaOf(MODULE_INPUTS[name])));
  return schema;
}

const asConfig = (inputs: ModuleInputValues, name: ModuleInputName) => configValue(schemaOf(name), inputs[name]);

/** The module inputs as one service of a config environment (undefined fields are left out). */
export function configService(inputs: ModuleInputValues): Record<string, unknown> {
  const kind = (inputs.kind as string | undefined) ?? "web";
  const gpus = (inputs.gpu_count as number | undefined) ?? 0;
  const strategy = (inputs.capacity_provider_strategy as { capacity_provider: string; base?: number; weight?: number }[] | undefined) ?? [];
  const fargate = Object.fromEntries(strategy.map((share) => [share.capacity_provider, share]));
  const compute =
    gpus > 0
      ? { type: "gpu", gpusPerTask: gpus, instanceTypes: inputs.gpu_instance_types ?? [] }
      : { type: "fargate", onDemandBase: fargate.FARGATE?.base, onDemandWeight: fargate.FARGATE?.weight ?? (strategy.length ? 0 : undefined), spotWeight: fargate.FARGATE_SPOT?.weight };
  const predictive = asConfig(inputs, "predictive_policy");
  const serverPolicies = ((asConfig(inputs, "server_policies") as object[] | undefined) ?? []).map((policy) => ({ type: "server", ...policy }));
  // The environment's namespace is the config's observability.namespace (see configVerdict); the rest is the service's metrics.
  const { namespace: _namespace, ...metrics } = (asConfig(inputs, "server_metrics") as Record<string, unknown> | undefined) ?? {};
  const service: Record<string, unknown> = {
    kind,
    image: inputs.image,
    cpu: inputs.cpu,
    memory: inputs.memory,
    cpuArchitecture: inputs.cpu_architecture,
    command: inputs.command,
    environment: inputs.environment,
    secrets: inputs.secrets,
    containerHealthCheck: asConfig(inputs, "container_health_check"),
    filesystem: inputs.writable_paths === undefined ? undefined : { writablePaths: inputs.writable_paths },
    stopTimeoutSeconds: inputs.stop_timeout_seconds,
    logRetentionDays: inputs.log_retention_days,
    metrics: inputs.server_metrics === undefined ? undefined : metrics,
    compute: JSON.parse(JSON.stringify(compute)),
    scaling: {
      min: inputs.min_capacity,
      max: inputs.max_capacity,
      policies: [...((asConfig(inputs, "policies") as unknown[] | undefined) ?? []), ...serverPolicies, ...(predictive ? [{ type: "predictive", ...(predictive as object) }] : [])],
      schedules: asConfig(inputs, "schedules"),
    },
    ...(kind === "web"
      ? {
          port: inputs.port,
          healthCheck: asConfig(inputs, "health_check"),
          deregistrationDelaySeconds: inputs.deregistration_delay_seconds,
          healthCheckGracePeriodSeconds: inputs.health_check_grace_period_seconds,
          routing: { pathPrefix: "/chat", priority: inputs.listener_rule_priority ?? undefined },
        }
      : { queue: asConfig(inputs, "queue") }),
  };
  return JSON.parse(JSON.stringify(service));
}

/** server_metrics.namespace: the environment's observability.namespace in the config. */
function namespaceOf(inputs: ModuleInputValues): unknown {
  return (inputs.server_metrics as { namespace?: unknown } | undefined)?.namespace;
}

/** Inputs with a config field: the rest are the module's own (cluster, network, listener) or placement the config derives. */
const MODULE_ONLY: readonly ModuleInputName[] = [
  "name",
  "cluster_arn",
  "vpc_id",
  "subnet_ids",
  "security_group_ids",
  "listener_arn",
  "path_patterns",
  "host_headers",
  "assign_public_ip",
];

/** The config's verdict on a complete set of module inputs. */
export function configVerdict(values: ModuleInputValues): ConfigVerdict {
  // A null input is one a row unsets (Terraform: the variable's default).
  const inputs: ModuleInputValues = Object.fromEntries(Object.entries(values).filter(([, value]) => value !== null));
  const problems: string[] = [];
  for (const name of MODULE_ONLY) {
    if (inputs[name] === undefined || inputs[name] === null) continue;
    const result = MODULE_INPUTS[name].safeParse(asConfig(inputs, name));
    if (!result.success) problems.push(...result.error.issues.map((issue) => `${name}: ${issue.message}`));
  }
  const network = inputs.assign_public_ip === true ? PUBLIC_NETWORK : PRIVATE_NETWORK;
  const production = inputs.production ?? false;
  const environment = {
    ...ENVIRONMENT,
    network,
    production,
    kmsKeyArn: inputs.kms_key_arn,
    ...(namespaceOf(inputs) === undefined ? {} : { observability: { namespace: namespaceOf(inputs) } }),
    // The module's listener is the caller's; the config's own internet-facing load balancer needs a web ACL in production.
    ...(production ? { loadBalancer: { webAcl: {} } } : {}),
    services: { [SERVICE]: configService(inputs) },
  };
  const result = validateEnvironment(environment, "parity", "config/parity.yaml");
  if (!result.ok) {
    problems.push(...result.findings.map((finding) => `${formatPath(finding.path)}: ${finding.message}`));
    return { accepted: false, problems };
  }
  // What the synth checks after validation: the security rules.
  // An app on the system's temporary folder, which exists: nothing is written (Testing.app() makes a folder each time).
  const stack = new EnvironmentStack(new App({ outdir: tmpdir(), skipValidation: true }), "parity", { config: result.config });
  Testing.synth(stack);
  problems.push(...PolicyReport.of(stack).errors.map((finding) => `${finding.rule.id}: ${finding.message}`));
  return { accepted: problems.length === 0, problems };
}
