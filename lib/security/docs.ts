import { RULES } from "./rules";

/** The rule table of docs/reference/security-rules.md: id, what it protects, how to fix a violation. Generated from the rules themselves. */
export function rulesMarkdown(): string {
  const rows = RULES.map((Rule) => {
    const rule = new Rule({ production: false });
    const severity = new Rule({ production: true }).severity() === rule.severity() ? rule.severity() : `${new Rule({ production: true }).severity()} in production, ${rule.severity()} elsewhere`;
    const cell = (text: string) => text.replace(/\|/g, "\\|");
    return `| \`${rule.id}\` | ${cell(rule.description)} | ${severity} | ${cell(rule.hint)} |`;
  });
  return ["| Rule | Protects | Severity | Fix |", "| --- | --- | --- | --- |", ...rows].join("\n") + "\n";
}
