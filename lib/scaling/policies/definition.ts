import type { z } from "zod";
import type { Finding } from "../../config/validate";

/** The service kinds scaling rules distinguish. */
export type ServiceKind = "web" | "worker";

/** A CloudWatch metric a policy reads, by namespace and name. */
export interface MetricRead {
  readonly namespace: string;
  readonly name: string;
}

/** What a policy's reads depend on beyond the policy itself. */
export interface ReadContext {
  /** The environment's namespace of model-server metrics (`observability.namespace`). */
  readonly serverNamespace: string;
}

/** Builds a finding's path below the policy being checked. */
export type At = (...path: PropertyKey[]) => PropertyKey[];

/**
 * The config side of one scaling policy kind: its schema (what a `scaling.policies[]` entry of
 * its `type` may hold) and the rules that span the entry's fields or the service's kind. Loaded
 * by the validation worker, so it never imports cdktf or the provider; the Terraform and preview
 * side of the same kind is its folder's `index.ts`.
 */
export interface PolicyDefinition<S extends z.ZodObject = z.ZodObject> {
  readonly schema: S;
  /** Problems of one entry, with paths below the entry (`at("target")`). @default none */
  readonly findings?: (kind: ServiceKind, policy: z.output<S>, at: At) => Finding[];
  /**
   * What the policy measures: two policies with the same identity would fight over the task count.
   * @default the policy type
   */
  readonly identity?: (policy: z.output<S>) => string;
  /**
   * The CloudWatch metrics the policy reads (for predefined metrics, the metric AWS computes them
   * from): the check that every policy reads a metric AWS or the stack publishes uses it.
   */
  readonly reads: (policy: z.output<S>, context: ReadContext) => readonly MetricRead[];
  /** Who publishes the policy's metric when neither AWS nor the stack does (`publishedBy`). @default none */
  readonly publishedBy?: (policy: z.output<S>) => string | undefined;
}

/** A finding for a policy that needs the load balancer on a service without one. */
export function webOnly(kind: ServiceKind, what: string, type: string, at: At): Finding[] {
  if (kind === "web") return [];
  return [{ path: at("type"), value: type, message: `${what} needs the load balancer; it is for web services only (this is a ${kind})` }];
}

/** The name a policy goes by: its `name`, or its type. */
export function policyName(policy: { readonly name?: string; readonly type: string }): string {
  return policy.name ?? policy.type;
}
