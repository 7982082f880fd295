import type { EnvironmentConfig } from "../config/schema";
import { RULE_SCANNER_CHECKS, ScannerCheck, ScannerChecks } from "./scanners";
import { TRADE_OFFS } from "./trade-offs";

/**
 * The scanner suppression files `npm run synth` writes beside each stack's Terraform: a Checkov
 * configuration (`.checkov.yaml`, its `skip-check` list) and a KICS configuration
 * (`kics.config`, its `exclude-queries` list), each skipped check with the reason it is skipped.
 * Both are derived from the trade-off table (lib/security/trade-offs.ts) and the environment's
 * `policy.suppressions`; never edit them by hand, a synth rewrites them.
 * Formats: https://www.checkov.io/2.Basics/CLI%20Command%20Reference.html (a config file holds
 * the CLI's flags: `skip-check`), https://docs.kics.io/latest/configuration-file/ (`exclude-queries`;
 * KICS reads `kics.config` from the root of the scanned directory).
 */

/** One reason to skip some scanner checks in a stack. */
export interface ScannerSuppression {
  /** Where the reason comes from: `trade-off http-listener`, or `policy.suppressions AIS-IMG-1 (config/dev.yaml)`. */
  readonly source: string;
  readonly reason: string;
  readonly checks: ScannerChecks;
}

/** A stack that knows which scanner checks to skip in its output. */
export interface ScannerSuppressionSource {
  scannerSuppressions(): readonly ScannerSuppression[];
}

export function hasScannerSuppressions(stack: object): stack is ScannerSuppressionSource {
  return typeof (stack as Partial<ScannerSuppressionSource>).scannerSuppressions === "function";
}

/** The file names, in the stack's output directory. */
export const SCANNER_FILES = { checkov: ".checkov.yaml", kics: "kics.config" } as const;

/** What an environment's stack skips: the trade-offs its config makes, then the rules it suppresses. */
export function environmentSuppressions(config: EnvironmentConfig): ScannerSuppression[] {
  const tradeOffs = TRADE_OFFS.filter((t) => t.environment?.(config)).map((t) => ({ source: `trade-off ${t.id}`, reason: t.reason, checks: t.scanners }));
  const suppressed = config.policy.suppressions.map((s) => ({
    source: `policy.suppressions ${s.rule} (${config.file})`,
    reason: s.reason,
    checks: RULE_SCANNER_CHECKS[s.rule],
  }));
  return [...tradeOffs, ...suppressed];
}

/** What the state stack skips: the trade-offs of the state buckets (and lock tables) these environments name. */
export function stateSuppressions(configs: readonly EnvironmentConfig[]): ScannerSuppression[] {
  return TRADE_OFFS.filter((t) => t.state?.(configs)).map((t) => ({ source: `trade-off ${t.id}`, reason: t.reason, checks: t.scanners }));
}

/** The two files' text for a stack, by file name. */
export function scannerFiles(stackName: string, suppressions: readonly ScannerSuppression[]): Record<string, string> {
  return {
    [SCANNER_FILES.checkov]: render({
      header: [
        `Checkov configuration of the ${stackName} stack, written by npm run synth from lib/security/trade-offs.ts and policy.suppressions; do not edit.`,
        `Run: checkov -d cdktf.out/stacks/${stackName} --config-file cdktf.out/stacks/${stackName}/${SCANNER_FILES.checkov}`,
        "Each skipped check is a documented trade-off (docs/reference/scanner-findings.md) or a rule the config suppresses, with its reason.",
      ],
      key: "skip-check",
      checks: suppressions.flatMap((s) => s.checks.checkov.map((check) => ({ check, suppression: s }))),
    }),
    [SCANNER_FILES.kics]: render({
      header: [
        `KICS configuration of the ${stackName} stack, written by npm run synth from lib/security/trade-offs.ts and policy.suppressions; do not edit.`,
        `Run: kics scan -p cdktf.out/stacks/${stackName} --config cdktf.out/stacks/${stackName}/${SCANNER_FILES.kics}`,
        "Each excluded query is a documented trade-off (docs/reference/scanner-findings.md) or a rule the config suppresses, with its reason.",
      ],
      key: "exclude-queries",
      checks: suppressions.flatMap((s) => s.checks.kics.map((check) => ({ check, suppression: s }))),
    }),
  };
}

/** A YAML document: comment header, then one list entry per check, preceded by its title and every reason it is skipped for. */
function render(file: { header: string[]; key: string; checks: Array<{ check: ScannerCheck; suppression: ScannerSuppression }> }): string {
  const byId = new Map<string, { check: ScannerCheck; reasons: string[] }>();
  for (const { check, suppression } of file.checks) {
    const entry = byId.get(check.id) ?? { check, reasons: [] };
    entry.reasons.push(`${suppression.source}: ${oneLine(suppression.reason)}`);
    byId.set(check.id, entry);
  }
  const lines = file.header.map((line) => `# ${line}`);
  if (byId.size === 0) return [...lines, `${file.key}: []`, ""].join("\n");
  lines.push(`${file.key}:`);
  for (const { check, reasons } of byId.values()) {
    lines.push(`  # ${check.id}: ${oneLine(check.title)}`);
    for (const reason of reasons) lines.push(`  #   ${reason}`);
    lines.push(`  - ${JSON.stringify(check.id)}`);
  }
  return [...lines, ""].join("\n");
}

/** Text as one comment line (a reason from the config may hold line breaks). */
function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
