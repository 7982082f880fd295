import type { Finding } from "./validate";

/**
 * Terraform reads `${` and `%{` in every string of its configuration as the start of an
 * interpolation or a directive. The config's free text that becomes Terraform is passed on
 * literally (escaped as `$${` and `%%{`, lib/hcl/template.ts `literalText`): a service's
 * command, environment values, container health check command and task policy actions and
 * resources (IAM's own `${aws:username}` variables). Any other field that holds `${` or `%{`
 * would change meaning or fail `terraform plan`, so it is refused here. Fields that never
 * become Terraform are left alone (the preview's, reasons the synth prints); tags are checked
 * by their own character rule.
 */

/** Paths (with `*` for any key or index) whose strings are passed on literally or never reach Terraform. */
const LITERAL_OR_UNUSED: readonly (readonly string[])[] = [
  ["services", "*", "command", "*"],
  ["services", "*", "environment", "*"],
  ["services", "*", "containerHealthCheck", "command"],
  ["services", "*", "taskPolicy", "*", "actions", "*"],
  ["services", "*", "taskPolicy", "*", "resources", "*"],
  ["services", "*", "preview"],
  ["services", "*", "filesystem", "reason"],
  ["policy", "suppressions", "*", "reason"],
  ["tags"],
];

/** True when `path` is at or below one of the patterns. */
function exempt(path: readonly PropertyKey[]): boolean {
  return LITERAL_OR_UNUSED.some((pattern) => pattern.length <= path.length && pattern.every((segment, i) => segment === "*" || segment === path[i]));
}

/** The strings of a parsed config that hold `${` or `%{` where Terraform would read them as template syntax. */
export function templateSyntaxFindings(config: unknown): Finding[] {
  const findings: Finding[] = [];
  const visit = (value: unknown, path: PropertyKey[]) => {
    if (exempt(path)) return;
    if (typeof value === "string") {
      const found = ["${", "%{"].find((sequence) => value.includes(sequence));
      if (found) {
        findings.push({
          path,
          value,
          message: `contains "${found}", which Terraform reads as the start of ${found === "${" ? "an interpolation" : "a directive"} in any string; only a service's command, environment values, containerHealthCheck.command and taskPolicy actions and resources are passed on as written`,
        });
      }
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, [...path, index]));
    } else if (value !== null && typeof value === "object") {
      for (const [key, item] of Object.entries(value)) visit(item, [...path, key]);
    }
  };
  visit(config, []);
  return findings;
}
