import { TerraformStack } from "cdktf";
import type { IConstruct } from "constructs";
import type { ConfigLocation } from "./config-source";
import type { PolicyRule, Severity } from "./rule";

export interface PolicyFinding {
  readonly rule: PolicyRule;
  /** Construct path of the offending resource. */
  readonly path: string;
  readonly message: string;
  readonly severity: Severity;
  /** Where the config sets what the finding is about. @default unknown: the construct path only */
  readonly location?: ConfigLocation;
}

/** A rule switched off for one environment, with the reason the config gives. */
export interface Suppression {
  readonly rule: string;
  readonly reason: string;
}

/** The findings of the rules on one stack, with the stack's suppressions applied. */
export class PolicyReport {
  private static readonly reports = new WeakMap<TerraformStack, PolicyReport>();
  private readonly findings: PolicyFinding[] = [];

  /** The report of the stack a construct belongs to (created on first use). */
  public static of(construct: IConstruct): PolicyReport {
    const stack = TerraformStack.of(construct);
    let report = PolicyReport.reports.get(stack);
    if (!report) {
      report = new PolicyReport(stack.node.id);
      PolicyReport.reports.set(stack, report);
    }
    return report;
  }

  private suppressions: readonly Suppression[] = [];

  private constructor(public readonly stackName: string) {}

  public setSuppressions(suppressions: readonly Suppression[]): void {
    this.suppressions = suppressions;
  }

  /** Records a finding once (aspects run again when a stack is synthesized again). */
  public add(finding: PolicyFinding): void {
    const seen = this.findings.some((f) => f.rule.id === finding.rule.id && f.path === finding.path && f.message === finding.message);
    if (!seen) this.findings.push(finding);
  }

  private suppressionOf(finding: PolicyFinding): Suppression | undefined {
    return this.suppressions.find((s) => s.rule === finding.rule.id);
  }

  /** Violations that stop the synth. */
  public get errors(): PolicyFinding[] {
    return this.findings.filter((f) => f.severity === "error" && !this.suppressionOf(f));
  }

  /** Violations that are reported but do not stop the synth. */
  public get warnings(): PolicyFinding[] {
    return this.findings.filter((f) => f.severity === "warning" && !this.suppressionOf(f));
  }

  /** Each suppression with the number of findings it hid. */
  public get suppressed(): Array<Suppression & { readonly count: number }> {
    return this.suppressions.map((s) => ({ ...s, count: this.findings.filter((f) => f.rule.id === s.rule).length }));
  }
}

/**
 * One line for a finding, at the YAML that causes it when known:
 * `config/prod.yaml:21: services.chat.image: AIS-IMG-1 <what is wrong>. Fix: <hint>. To suppress: ... (resource <construct path>)`;
 * without a config location, `AIS-NET-1 prod/services/chat/runtime/service: <what is wrong>. Fix: <hint>`.
 */
export function formatFinding(finding: PolicyFinding): string {
  const { rule, location } = finding;
  if (!location) return `${rule.id} ${finding.path}: ${finding.message}. Fix: ${rule.hint}`;
  const where = location.line ? `${location.file}:${location.line}` : location.file;
  const suppress =
    location.suppressible === false
      ? `Not suppressible: the state stack holds every environment's state and always applies the production rules (resource ${finding.path})`
      : `To suppress: add { rule: ${rule.id}, reason: "<why it does not apply>" } to policy.suppressions in ${location.file} (resource ${finding.path})`;
  return `${where}: ${location.path || "(file)"}: ${rule.id} ${finding.message}. Fix: ${rule.hint}. ${suppress}`;
}

/** Thrown when rules fail: every error of every stack, one line each. */
export class PolicyError extends Error {
  constructor(public readonly lines: readonly string[]) {
    super(lines.join("\n"));
    this.name = "PolicyError";
  }
}

/**
 * Checks the reports of synthesized stacks: throws a {@link PolicyError} listing every
 * error, or returns the lines to show anyway (warnings, and each suppression with its reason).
 */
export function checkReports(reports: readonly PolicyReport[]): string[] {
  const errors = reports.flatMap((r) => r.errors.map((f) => formatFinding(f)));
  if (errors.length > 0) throw new PolicyError(errors);
  return reports.flatMap((r) => [
    ...r.warnings.map((f) => `warning: ${formatFinding(f)}`),
    ...r.suppressed.map((s) =>
      s.count > 0
        ? `suppressed: ${s.rule} in ${r.stackName} (${s.count} finding${s.count === 1 ? "" : "s"}): ${s.reason}`
        : `warning: suppression of ${s.rule} in ${r.stackName} matches nothing; remove it`,
    ),
  ]);
}
