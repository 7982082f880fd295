import { MODULE_INPUTS, ModuleInputName } from "../../module/inputs";
import { formatPath } from "../../config/problems";
import { validateEnvironment } from "../../config/validate";
import type { ModuleInputValues } from "./module-case";

/**
 * What the config validation says about module inputs: the inputs the config has are put
 * into a service of an environment and checked as `config/<env>.yaml` would be, with every
 * rule that spans fields; the module's own inputs (cluster, network, listener) are checked
 * with the schemas their validation blocks are generated from (lib/module/inputs.ts).
 */

/** Where each module input lives in a web service of the config; inputs not listed have no config counterpart. */
export const CONFIG_FIELDS: Readonly<Partial<Record<ModuleInputName, readonly string[]>>> = {
  image: ["image"],
  cpu: ["cpu"],
  memory: ["memory"],
  cpu_architecture: ["cpuArchitecture"],
  port: ["port"],
  command: ["command"],
  environment: ["environment"],
  secrets: ["secrets"],
  health_check: ["healthCheck"],
  stop_timeout_seconds: ["stopTimeoutSeconds"],
  deregistration_delay_seconds: ["deregistrationDelaySeconds"],
  health_check_grace_period_seconds: ["healthCheckGracePeriodSeconds"],
  log_retention_days: ["logRetentionDays"],
  listener_rule_priority: ["routing", "priority"],
  min_capacity: ["scaling", "min"],
  max_capacity: ["scaling", "max"],
  policies: ["scaling", "policies"],
};

/** The environment the mapped inputs are checked in; its region is the one of the base inputs' ARNs. */
const ENVIRONMENT = {
  project: "acme",
  region: "eu-west-1",
  state: { bucket: "acme-terraform-state" },
  network: { mode: "default-vpc" },
};
const SERVICE = "chat";
/** A route for the service: the module's path patterns and hosts have no config counterpart. */
const ROUTING = { pathPrefix: "/chat" };

/** The config's verdict: accepted, or the problems it reports (one line each). */
export interface ConfigVerdict {
  readonly accepted: boolean;
  readonly problems: readonly string[];
}

/** snake_case keys to the config's camelCase (object fields only; map keys such as variable names are data). */
function camelKeys(value: unknown, isMap = false): unknown {
  if (Array.isArray(value)) return value.map((item) => camelKeys(item));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [isMap ? key : key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), camelKeys(item)]));
  }
  return value;
}

/** Inputs whose values are maps of names to values (their keys are not field names). */
const MAP_INPUTS: ReadonlySet<ModuleInputName> = new Set(["environment", "secrets"]);

function setPath(target: Record<string, any>, path: readonly string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) node = node[key] = { ...(node[key] ?? {}) };
  node[path[path.length - 1]] = value;
}

/** The config validation's verdict on a complete set of module inputs. */
export function configVerdict(inputs: ModuleInputValues): ConfigVerdict {
  const problems: string[] = [];
  const service: Record<string, any> = { routing: { ...ROUTING } };
  for (const [name, value] of Object.entries(inputs) as [ModuleInputName, unknown][]) {
    const path = CONFIG_FIELDS[name];
    const configValue = camelKeys(value, MAP_INPUTS.has(name));
    if (path) {
      setPath(service, path, configValue);
    } else {
      const result = MODULE_INPUTS[name].safeParse(configValue);
      if (!result.success) problems.push(...result.error.issues.map((issue) => `${name}: ${issue.message}`));
    }
  }
  const result = validateEnvironment({ ...ENVIRONMENT, services: { [SERVICE]: service } }, "parity", "config/parity.yaml");
  if (!result.ok) problems.push(...result.findings.map((finding) => `${formatPath(finding.path)}: ${finding.message}`));
  return { accepted: problems.length === 0, problems };
}
