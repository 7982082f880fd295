import type { z } from "zod";
import { oneOf } from "../../config/zod-helpers";
import { cpuDefinition, CpuPolicySchema } from "./cpu/definition";
import { customDefinition, CustomPolicySchema } from "./custom/definition";
import type { PolicyDefinition } from "./definition";
import { latencyDefinition, LatencyPolicySchema } from "./latency/definition";
import { memoryDefinition, MemoryPolicySchema } from "./memory/definition";
import { predictiveDefinition, PredictivePolicySchema } from "./predictive/definition";
import { queueDefinition, QueuePolicySchema } from "./queue/definition";
import { requestsDefinition, RequestsPolicySchema } from "./requests/definition";
import { serverDefinition, ServerPolicySchema } from "./server/definition";
import { stepDefinition, StepPolicySchema } from "./step/definition";

/**
 * The config side of every scaling policy kind, by its `type`: schema and validation rules.
 * The Terraform and preview side is {@link POLICY_KINDS} (`./index.ts`); a kind lives in one
 * folder, `lib/scaling/policies/<type>/`, with both.
 */
export const POLICY_TYPES = ["cpu", "memory", "requests", "latency", "custom", "queue", "server", "step", "predictive"] as const;

export const ScalingPolicySchema = oneOf(
  "type",
  [CpuPolicySchema, MemoryPolicySchema, RequestsPolicySchema, LatencyPolicySchema, CustomPolicySchema, QueuePolicySchema, ServerPolicySchema, StepPolicySchema, PredictivePolicySchema],
  POLICY_TYPES,
);

export type ParsedPolicy = z.output<typeof ScalingPolicySchema>;
export type PolicyType = ParsedPolicy["type"];

export const POLICY_DEFINITIONS: { readonly [T in PolicyType]: PolicyDefinition<z.ZodObject & { _zod: { output: Extract<ParsedPolicy, { type: T }> } }> } = {
  cpu: cpuDefinition,
  memory: memoryDefinition,
  requests: requestsDefinition,
  latency: latencyDefinition,
  custom: customDefinition,
  queue: queueDefinition,
  server: serverDefinition,
  step: stepDefinition,
  predictive: predictiveDefinition,
};
