import { Aspects, TerraformStack } from "cdktf";
import { PolicyReport, Suppression } from "./report";
import type { RuleContext } from "./rule";
import { RULES } from "./rules";

export interface PolicyOptions extends RuleContext {
  /** Rules the environment's config switches off, with its reasons. @default none */
  readonly suppressions?: readonly Suppression[];
}

/** Adds every security rule to a stack as an Aspect; findings land in the stack's {@link PolicyReport} at synth. */
export function applyPolicy(stack: TerraformStack, options: PolicyOptions): PolicyReport {
  const context: RuleContext = { production: options.production };
  for (const Rule of RULES) Aspects.of(stack).add(new Rule(context));
  const report = PolicyReport.of(stack);
  report.setSuppressions(options.suppressions ?? []);
  return report;
}
