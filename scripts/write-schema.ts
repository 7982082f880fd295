import { readFileSync, writeFileSync } from "node:fs";
import { configReferenceMarkdown, environmentJsonSchemaText } from "../lib/config/json-schema";
import { rulesMarkdown } from "../lib/security/docs";

// Regenerates config/schema.json, and the README's config reference and rule list, from
// the zod schema and the rules. A test fails when any of them is out of date.

/** Replaces the text between `<!-- name:begin ... -->` and `<!-- name:end -->`. */
function replaceBlock(readme: string, name: string, content: string): string {
  const begin = readme.indexOf(`<!-- ${name}:begin`);
  const beginEnd = readme.indexOf("-->", begin) + 3;
  const end = readme.indexOf(`<!-- ${name}:end -->`);
  if (begin < 0 || end < beginEnd) throw new Error(`README.md has no <!-- ${name}:begin --> ... <!-- ${name}:end --> block`);
  return `${readme.slice(0, beginEnd)}\n${content}${readme.slice(end)}`;
}

/** The README with its generated blocks brought up to date. */
export function readmeWithReference(readme: string): string {
  return replaceBlock(replaceBlock(readme, "config-reference", configReferenceMarkdown()), "rules", rulesMarkdown());
}

if (require.main === module) {
  writeFileSync("config/schema.json", environmentJsonSchemaText());
  writeFileSync("README.md", readmeWithReference(readFileSync("README.md", "utf8")));
  console.log("wrote config/schema.json, and the config reference and rule list in README.md");
}
