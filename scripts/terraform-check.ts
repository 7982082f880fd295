import { TerraformChecks } from "../lib/terraform-check/checks";
import { findTerraform, runLine, SKIP_LINE } from "../lib/terraform-check/terraform-binary";
import { formatDiagnostic } from "../lib/terraform-check/validate";

/**
 * `npm run terraform:check`: the Terraform checks of `npm test` by hand, one line per
 * check (terraform fmt -check, terraform validate of each stack, the module and the
 * example, terraform test of each parity case); exit 1 when any fails.
 * `npm run terraform:check -- --keep` keeps the temporary folder and prints how to run
 * Terraform there yourself against the stand-in provider (see docs/terraform-validation.md).
 */
async function main(): Promise<number> {
  const keep = process.argv.includes("--keep");
  const terraform = findTerraform();
  if (!terraform) {
    console.error(SKIP_LINE);
    return 1;
  }
  console.log(runLine(terraform));
  const started = Date.now();
  // Kept folders are for running Terraform by hand, which goes through the CLI configuration, not a shared process.
  const checks = await TerraformChecks.prepare({ terraform, shared: !keep });
  let problems = 0;
  const report = (what: string, lines: readonly string[]) => {
    problems += lines.length;
    console.log(`${lines.length ? "FAIL" : "ok  "}  ${what}`);
    for (const line of lines) console.log(`      ${line.replace(/\n/g, "\n      ")}`);
  };
  try {
    const [fmt, validations, cases] = await Promise.all([
      checks.fmt(),
      Promise.all(checks.subjects.subjects.map(async (subject) => ({ subject, diagnostics: await checks.validate(subject) }))),
      checks.moduleCases(),
    ]);
    report(`terraform fmt -check (${fmt.files.length} files)`, fmt.differences.map((d) => `${d.file}\n${d.diff}`));
    for (const { subject, diagnostics } of validations) report(`terraform validate: ${subject.label}`, diagnostics.map(formatDiagnostic));
    for (const result of cases) report(`terraform test: ${result.testCase.name}`, result.problems);
    const count = 1 + validations.length + cases.length;
    console.log(`${count} checks, ${problems} problem${problems === 1 ? "" : "s"}, in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (keep) {
      console.log(`\nKept ${checks.root}. To run Terraform there against the stand-in (no init needed):`);
      for (const [key, value] of Object.entries(checks.workspace.installation.env)) console.log(`  export ${key}='${value}'`);
      console.log(`  cd ${checks.subjects.subjects[0].dir} && terraform validate`);
      console.log(`  cd ${checks.moduleTestDir} && terraform test`);
    }
  } finally {
    if (!keep) await checks.dispose();
  }
  return problems === 0 ? 0 : 1;
}

main().then(
  (status) => (process.exitCode = status),
  (error) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  },
);
