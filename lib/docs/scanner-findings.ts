import { SCANNER_FILES } from "../security/scanner-files";
import { RULE_SCANNER_CHECKS, ScannerCheck } from "../security/scanners";
import { TRADE_OFFS } from "../security/trade-offs";
import { cell, code, generatedHeader, table } from "./markdown";

/** A check as a link to where the scanner defines it. */
const link = (check: ScannerCheck) => `[${check.id}](${check.source} "${check.title.replace(/"/g, "'")}")`;
const links = (checks: readonly ScannerCheck[]) => (checks.length === 0 ? "-" : checks.map(link).join(", "));

/**
 * The text of `docs/reference/scanner-findings.md`: what Checkov and KICS still report on the
 * synthesized stacks and why (the trade-off table), the scanner files the synth writes from it,
 * and which of the scanners' checks each of our rules corresponds to.
 */
export function scannerFindingsPage(): string {
  const tradeOffs = table(
    ["Finding", "Applies when", "Checkov", "KICS", "Why"],
    TRADE_OFFS.map((t) => [`${code(t.id)}: ${cell(t.finding)}`, cell(t.appliesWhen), links(t.scanners.checkov), links(t.scanners.kics), cell(t.reason)]),
  );
  const rules = table(
    ["Rule", "Checkov", "KICS"],
    Object.entries(RULE_SCANNER_CHECKS).map(([rule, checks]) => [code(rule), links(checks.checkov), links(checks.kics)]),
  );
  return [
    generatedHeader("Scanner findings", "lib/security/trade-offs.ts and lib/security/scanners.ts"),
    "The stacks pass every [security rule](security-rules.md). A Terraform scanner such as Checkov or KICS",
    "run on `cdktf.out/stacks/<name>` still reports the findings below: each is a trade-off the stacks make",
    "on purpose, for the reason given, and applies to a stack only when its config makes it.",
    "",
    "## Suppression files",
    "",
    `\`npm run synth\` writes two files beside each stack's Terraform, derived from this table and from the`,
    "environment's `policy.suppressions` (a suppressed rule skips the scanners' checks listed for it below),",
    "each skipped check with its reasons; a synth rewrites them, so never edit them:",
    "",
    `- ${code(SCANNER_FILES.checkov)}: Checkov's configuration, its \`skip-check\` list.`,
    `  Run \`checkov -d cdktf.out/stacks/<name> --config-file cdktf.out/stacks/<name>/${SCANNER_FILES.checkov}\`.`,
    `- ${code(SCANNER_FILES.kics)}: KICS's configuration, its \`exclude-queries\` list (KICS also reads it on its own`,
    `  from the root of the scanned directory). Run \`kics scan -p cdktf.out/stacks/<name> --config cdktf.out/stacks/<name>/${SCANNER_FILES.kics}\`.`,
    "",
    "Both scanners skip a check for the whole directory, not for one resource: a trade-off that applies",
    "to a stack hides that check for every resource in it. The security rules still check those",
    "resources on every synth (the dev load balancer's listener, for one, by AIS-ALB-2 once a",
    "certificate is configured).",
    "",
    "## Findings that remain",
    "",
    tradeOffs,
    "",
    "## Our rules and the scanners' checks",
    "",
    "The scanners' checks that report what each rule checks, where they have one (`-`: none found).",
    "Checks link to their definition: Checkov's source file (or its policy index), KICS's query page.",
    "",
    rules,
    "",
  ].join("\n");
}
