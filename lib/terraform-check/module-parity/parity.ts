import type { ConfigVerdict } from "./config-verdict";
import type { ModuleCase } from "./module-case";
import type { CaseOutcome } from "./run-tests";

/**
 * What is wrong with one case, or nothing: Terraform must have passed the case's run
 * (it rejected the inputs through `rejectedBy`, or accepted them), and the config
 * validation must agree, or disagree exactly where the row says it is a known gap or a difference.
 */
export function parityProblems(testCase: ModuleCase, outcome: CaseOutcome | undefined, verdict: ConfigVerdict): string[] {
  const problems: string[] = [];
  const moduleSays = testCase.rejectedBy ? `rejected by ${testCase.rejectedBy}` : "accepted";
  if (outcome && outcome.status !== "pass") {
    problems.push(`terraform test: expected the module to have ${moduleSays}; the run ended "${outcome.status}"${outcome.diagnostics.length ? `: ${outcome.diagnostics.join(" | ")}` : ""}`);
  }
  if (testCase.noConfigCounterpart) return problems;
  const configAccepts = verdict.accepted;
  const moduleAccepts = testCase.rejectedBy === undefined;
  const configSays = configAccepts ? "accepts" : `rejects (${verdict.problems.join("; ")})`;
  if (testCase.knownGap) {
    if (configAccepts === moduleAccepts) problems.push(`marked as a known gap, but the config validation now ${configSays} like the module: remove knownGap`);
  } else if (testCase.difference) {
    if (configAccepts === moduleAccepts) problems.push(`marked as a difference, but the config validation now ${configSays} like the module: remove difference`);
  } else if (configAccepts !== moduleAccepts) {
    problems.push(`the module is ${moduleSays}, but the config validation ${configSays}`);
  }
  return problems;
}
