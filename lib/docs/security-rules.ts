import { rulesMarkdown } from "../security/docs";
import { generatedHeader } from "./markdown";

/** The text of `docs/reference/security-rules.md`: every rule, what it protects, its severity and its fix. */
export function securityRulesPage(): string {
  return [
    generatedHeader("Security rules", "the rules in lib/security/rules"),
    "Every synth checks each stack against these rules (one file per rule in `lib/security/rules/`, named",
    "after its id). An error stops the synth with the rule id, the construct path and the fix; a warning",
    "is printed and the synth goes on. How to switch a rule off for one environment, with a reason:",
    "[Security](../security.md#switching-a-rule-off).",
    "",
    rulesMarkdown().trimEnd(),
    "",
  ].join("\n");
}
