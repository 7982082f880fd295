import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "cdktf";
import { stringify } from "yaml";
import { validateEnvironment } from "../config/validate";
import { POLICY_KINDS } from "../scaling/policies";
import { POLICY_TYPES, type PolicyType } from "../scaling/policies/definitions";
import { EnvironmentStack } from "../../stacks/environment-stack";
import { cell, code, generatedHeader, table } from "./markdown";
import { POLICY_EXAMPLES, type PolicyExample } from "./policy-examples";

/**
 * `docs/reference/scaling-policies.md`: every scaling policy kind with what it tracks (from
 * its kind), the service kinds that accept it (asked of the config validation) and the
 * Terraform it becomes (read from a synthesized stack), each with an example that does both.
 */

export type ServiceKind = "web" | "worker";
const SERVICE_KINDS: readonly ServiceKind[] = ["web", "worker"];

/** What one policy kind is, as the code answers it. */
export interface PolicyKindFacts {
  readonly type: PolicyType;
  readonly description: string;
  /** Service kinds whose validation accepts the kind's example. */
  readonly services: readonly ServiceKind[];
  /** Terraform of the example, e.g. "`aws_appautoscaling_policy` TargetTrackingScaling on `ECSServiceAverageCPUUtilization`". */
  readonly terraform: readonly string[];
}

/** An environment with one service of `kind` whose only policy is `type`'s example. */
function exampleEnvironment(example: PolicyExample, kind: ServiceKind): Record<string, unknown> {
  const scaling = { min: example.min ?? 1, max: 10, policies: [example.policy] };
  const service =
    kind === "web"
      ? { image: "ghcr.io/acme/model-server:1.0.0", cpu: 1024, memory: 2048, routing: { pathPrefix: "/" }, scaling, alarms: { enabled: false }, ...example.serviceFields }
      : { kind: "worker", image: "ghcr.io/acme/worker:1.0.0", cpu: 1024, memory: 2048, scaling, alarms: { enabled: false }, ...example.serviceFields };
  return {
    project: "docs",
    region: "us-east-1",
    // The page lists what the policy creates: no dashboard, no service alarms beside it.
    observability: { dashboard: false },
    state: { bucket: "docs-terraform-state" },
    network: { mode: "default-vpc" },
    services: { [kind === "web" ? "api" : "jobs"]: service },
  };
}

/** The Terraform an example's stack holds for its scaling: one entry per policy shape and alarm. */
function scalingTerraform(json: Record<string, any>): string[] {
  const policies = Object.values<Record<string, any>>(json.resource?.aws_appautoscaling_policy ?? {}).map((policy) => {
    const tracking = policy.target_tracking_scaling_policy_configuration;
    if (tracking?.predefined_metric_specification) {
      return `${code("aws_appautoscaling_policy")} TargetTrackingScaling on ${code(tracking.predefined_metric_specification.predefined_metric_type)}`;
    }
    if (tracking?.customized_metric_specification) {
      const spec = tracking.customized_metric_specification;
      const names = (spec.metrics ?? []).flatMap((m: any) => (m.metric_stat ? [code(m.metric_stat.metric.metric_name)] : []));
      return `${code("aws_appautoscaling_policy")} TargetTrackingScaling on ${spec.metrics ? `metric math over ${names.join(", ")}` : code(spec.metric_name)}`;
    }
    if (policy.policy_type === "PredictiveScaling") {
      return `${code("aws_appautoscaling_policy")} PredictiveScaling, mode ${code(policy.predictive_scaling_policy_configuration.mode)}`;
    }
    return `${code("aws_appautoscaling_policy")} ${policy.policy_type}`;
  });
  const alarms = Object.keys(json.resource?.aws_cloudwatch_metric_alarm ?? {}).map(() => code("aws_cloudwatch_metric_alarm"));
  const counted = new Map<string, number>();
  for (const entry of [...policies, ...alarms]) counted.set(entry, (counted.get(entry) ?? 0) + 1);
  return [...counted].map(([entry, n]) => (n > 1 ? `${n} x ${entry}` : entry));
}

/** The facts of one policy kind: validated in both service kinds, synthesized in the first that accepts it. */
export function policyKindFacts(type: PolicyType, example: PolicyExample = POLICY_EXAMPLES[type]): PolicyKindFacts {
  const accepted = SERVICE_KINDS.map((kind) => ({ kind, result: validateEnvironment(exampleEnvironment(example, kind), "docs", "docs.yaml") }));
  const services = accepted.filter(({ result }) => result.ok).map(({ kind }) => kind);
  const first = accepted.find(({ result }) => result.ok);
  if (!first?.result.ok) {
    const findings = accepted.flatMap(({ result }) => (result.ok ? [] : result.findings.map((f) => `${f.path.join(".")}: ${f.message}`)));
    throw new Error(`the ${type} example in lib/docs/policy-examples.ts is valid in no service kind:\n${findings.join("\n")}`);
  }
  // cdktf's App creates its outdir: a scratch one, removed again (nothing is synthesized into it).
  const outdir = mkdtempSync(join(tmpdir(), "ecs-ai-docs-"));
  try {
    const stack = new EnvironmentStack(new App({ outdir, skipValidation: true }), "docs", { config: first.result.config });
    return { type, description: POLICY_KINDS[type].description, services, terraform: scalingTerraform(stack.toTerraform()) };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** The text of `docs/reference/scaling-policies.md`. */
export function scalingPoliciesPage(facts: readonly PolicyKindFacts[] = POLICY_TYPES.map((type) => policyKindFacts(type))): string {
  const summary = table(
    ["`type`", "tracks", "services", "Terraform"],
    facts.map((kind) => [`[${code(kind.type)}](#${kind.type})`, cell(kind.description), kind.services.join(", "), cell(kind.terraform.join("; "))]),
  );
  const sections = facts.map((kind) => {
    const example = POLICY_EXAMPLES[kind.type];
    const yaml = stringify([example.policy], { aliasDuplicateObjects: false }).trimEnd();
    return [
      `## ${kind.type}`,
      "",
      `${kind.description[0].toUpperCase()}${kind.description.slice(1)}. Services: ${kind.services.map((s) => `${code(`kind: ${s}`)}`).join(", ")}.`,
      `Terraform: ${kind.terraform.join("; ")}.`,
      "",
      `${example.caption}${example.min !== undefined ? ` (Shown with ${code(`scaling.min: ${example.min}`)}.)` : ""}`,
      "",
      "```yaml",
      yaml,
      "```",
    ].join("\n");
  });
  return [
    generatedHeader("Scaling policy kinds", "the policy kinds in lib/scaling/policies and the examples in lib/docs/policy-examples.ts"),
    "Each entry of `services.<name>.scaling.policies` has a `type`, one of the kinds below. The services",
    "column is what the config validation accepts; the Terraform column is what the synth writes for the",
    "example (validated and synthesized by `npm run docs`). How AWS combines several policies, cooldowns and",
    "scaling to zero: [Scaling](../scaling.md). Every field of every kind: [config reference](config.md#scaling-policies-servicesnamescalingpolicies).",
    "",
    summary,
    "",
    ...sections.flatMap((section) => [section, ""]),
  ].join("\n");
}
