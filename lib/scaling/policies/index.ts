import type { PolicyType } from "../../config/scaling-schema";
import type { PolicyKind } from "../policy-kind";
import { cpuPolicy } from "./cpu";
import { customPolicy } from "./custom";
import { latencyPolicy } from "./latency";
import { memoryPolicy } from "./memory";
import { predictivePolicy } from "./predictive";
import { queuePolicy } from "./queue";
import { requestsPolicy } from "./requests";
import { serverPolicy } from "./server";
import { stepPolicy } from "./step";

/**
 * The Terraform and preview side of every scaling policy kind, by its config `type`. The config
 * side (schema, validation) is POLICY_DEFINITIONS in `./definitions.ts`, kept apart so the
 * validation worker never loads cdktf or the provider.
 */
export const POLICY_KINDS: { readonly [T in PolicyType]: PolicyKind<T> } = {
  cpu: cpuPolicy,
  memory: memoryPolicy,
  requests: requestsPolicy,
  latency: latencyPolicy,
  custom: customPolicy,
  queue: queuePolicy,
  server: serverPolicy,
  step: stepPolicy,
  predictive: predictivePolicy,
};
