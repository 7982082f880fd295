import { formatProblem } from "../lib/config/problems";
import type { EnvironmentConfig } from "../lib/config/schema";
import { checkEnvironmentText } from "../lib/config/load";
import { validateEnvironment } from "../lib/config/validate";
import { stringify } from "yaml";

/** Deep-partial override of a config input. */
export type Input = Record<string, unknown>;

/** A valid environment input with one web service; tests override what they examine. */
/** An existing VPC with two public and two private subnets (what GPU capacity and most network tests need). */
export const EXISTING_NETWORK = {
  mode: "existing",
  vpcId: "vpc-0123456789abcdef0",
  publicSubnetIds: ["subnet-0000000000000000a", "subnet-0000000000000000b"],
  privateSubnetIds: ["subnet-0000000000000001a", "subnet-0000000000000001b"],
};

/** The same VPC with a single private subnet. */
export const EXISTING_NETWORK_ONE_PRIVATE_SUBNET = { ...EXISTING_NETWORK, privateSubnetIds: ["subnet-0000000000000001a"] };

export function baseInput(): Input {
  return {
    project: "acme",
    region: "eu-west-1",
    state: { bucket: "acme-terraform-state" },
    network: { mode: "default-vpc" },
    services: {
      chat: {
        image: "ghcr.io/acme/llm-server:1.4.2",
        cpu: 1024,
        memory: 2048,
        routing: { pathPrefix: "/chat" },
        scaling: { min: 1, max: 4, policies: [{ type: "cpu", target: 60 }] },
      },
    },
  };
}

/** Returns `base` with `patch` merged in (objects deeply, everything else replaced; `undefined` deletes). */
export function merge(base: Input, patch: Input): Input {
  const out: Input = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    const current = out[key];
    if (value === undefined) delete out[key];
    else if (isPlainObject(value) && isPlainObject(current)) out[key] = merge(current, value);
    else out[key] = value;
  }
  return out;
}

function isPlainObject(value: unknown): value is Input {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A base input with the `chat` service patched. */
export function withChat(patch: Input, envPatch: Input = {}): Input {
  return merge(merge(baseInput(), { services: { chat: patch } }), envPatch);
}

/** The base environment plus a queue worker `jobs` (min 0, a queue policy), patched with `patch`. */
export function withWorker(patch: Input = {}): Input {
  const jobs = merge(
    {
      kind: "worker",
      image: "ghcr.io/acme/worker:1.0.0",
      cpu: 1024,
      memory: 2048,
      scaling: { min: 0, max: 5, policies: [{ type: "queue", secondsPerMessage: 10, acceptableLatencySeconds: 60 }] },
    },
    patch,
  );
  return merge(baseInput(), { services: { jobs } });
}

/** Validates an input (as environment `test`) and returns the config; throws with the problems otherwise. */
export function configOf(input: Input, environment = "test"): EnvironmentConfig {
  const result = validateEnvironment(input, environment, `config/${environment}.yaml`);
  if (!result.ok) throw new Error(result.findings.map((f) => `${String(f.path.join("."))}: ${f.message}`).join("\n"));
  return result.config;
}

/** The formatted problem lines of an input written as YAML (so lines are known). */
export function problemsOf(input: unknown, environment = "test"): string[] {
  const result = checkEnvironmentText(typeof input === "string" ? input : stringify(input), `config/${environment}.yaml`);
  return "problems" in result ? result.problems.map(formatProblem) : [];
}

/**
 * Synthesizes an environment stack and returns the JSON text (for the cdktf matchers).
 * cdktf and the constructs load on the first call, not with this file: the config tests
 * that use only the inputs above never load them.
 */
export function synthEnvironment(config: EnvironmentConfig): string {
  const { Testing } = require("cdktf") as typeof import("cdktf");
  const { EnvironmentStack } = require("../stacks/environment-stack") as typeof import("../stacks/environment-stack");
  const app = Testing.app();
  const stack = new EnvironmentStack(app, config.environment, { config });
  return Testing.synth(stack);
}

/** A parsed Terraform JSON document. */
export interface TerraformJson {
  resource: Record<string, Record<string, Record<string, any>>>;
  data?: Record<string, Record<string, Record<string, any>>>;
  output: Record<string, { value: string; description?: string }>;
  provider: Record<string, Record<string, any>[]>;
  terraform: Record<string, any>;
}

/** The resources of one type in a synthesized stack, in the order they were added. */
export function resourcesOf(json: string | TerraformJson, type: string): Record<string, any>[] {
  const doc = typeof json === "string" ? (JSON.parse(json) as TerraformJson) : json;
  return Object.values(doc.resource[type] ?? {});
}

/** The single resource of a type whose properties include `match`; fails when not exactly one. */
export function oneResource(json: string | TerraformJson, type: string, match: Record<string, unknown> = {}): Record<string, any> {
  const found = resourcesOf(json, type).filter((r) => Object.entries(match).every(([k, v]) => JSON.stringify(r[k]) === JSON.stringify(v)));
  if (found.length !== 1) throw new Error(`expected one ${type} matching ${JSON.stringify(match)}, found ${found.length}`);
  return found[0];
}
