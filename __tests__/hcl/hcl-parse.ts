import "./go-timers";
import { getExpressionAst, parse } from "@cdktf/hcl2json";
import { format } from "@cdktf/hcl-tools";

/**
 * Test helpers around real HCL tooling: the HCL parser (@cdktf/hcl2json, hashicorp/hcl
 * compiled to WebAssembly) and the formatter cdktf's CLI runs (@cdktf/hcl-tools, hclwrite).
 */

type Json = any;

/** Parses HCL into hcl2json's JSON form (blocks as lists of bodies, expressions as "${...}" strings); throws on syntax errors. */
export function parseHcl(text: string, filename = "main.tf"): Promise<Json> {
  return parse(filename, text);
}

/** What the formatter `cdktf synth --hcl` runs afterwards makes of a file. */
export function formatHcl(text: string): Promise<string> {
  return format(text);
}

/** The syntax tree type of one expression: "scopeTraversal" for a bare reference, "templateWrap" for "${ref}". */
export async function expressionType(expression: string): Promise<string | undefined> {
  return (await getExpressionAst("expression.tf", expression))?.type;
}

/** Every one-line `name = value` argument in an HCL text, with its line number (for per-expression checks). */
export function oneLineArguments(text: string): { line: number; name: string; expression: string }[] {
  const out: { line: number; name: string; expression: string }[] = [];
  text.split("\n").forEach((line, index) => {
    const match = /^\s*("[^"]*"|[A-Za-z_][A-Za-z0-9_-]*)\s*=\s*(.+)$/.exec(line);
    if (match && !/[[{(]$/.test(match[2])) out.push({ line: index + 1, name: match[1], expression: match[2] });
  });
  return out;
}

/**
 * A loose canonical form shared by Terraform JSON and parsed HCL: one-element lists of
 * objects unwrapped (a single block), empty lists dropped (no blocks), metadata ("//") dropped.
 */
export function canonical(value: Json): Json {
  if (Array.isArray(value)) {
    const items = value.map(canonical);
    return items.length === 1 && items[0] !== null && typeof items[0] === "object" && !Array.isArray(items[0]) ? items[0] : items;
  }
  if (value !== null && typeof value === "object") {
    const out: Record<string, Json> = {};
    for (const [key, item] of Object.entries(value)) {
      if (key === "//" || item === undefined || (Array.isArray(item) && item.length === 0)) continue;
      out[key] = canonical(item);
    }
    return out;
  }
  return value;
}

const wrap = (reference: string) => (reference.startsWith("${") ? reference : `\${${reference}}`);

/** JSON document strings decoded to the values they hold, interpolations as "${...}" strings (a test-side decoder). */
function decodeJsonDocument(template: string): Json {
  const holes: string[] = [];
  let inString = false;
  let text = "";
  for (let i = 0; i < template.length; i++) {
    if (template.startsWith("${", i)) {
      let depth = 0;
      let j = i;
      for (; j < template.length; j++) {
        if (template[j] === "{") depth++;
        if (template[j] === "}" && --depth === 0) break;
      }
      let expression = template.slice(i + 2, j);
      if (!inString) expression = expression.replace(/^jsonencode\(([\s\S]*)\)$/, "$1");
      holes.push(expression);
      text += inString ? `@@${holes.length - 1}@@` : `"@@${holes.length - 1}@@"`;
      i = j;
      continue;
    }
    if (inString && template[i] === "\\") {
      text += template[i] + template[i + 1];
      i++;
      continue;
    }
    if (template[i] === '"') inString = !inString;
    text += template[i];
  }
  const restore = (value: Json): Json => {
    if (typeof value === "string") return value.replace(/@@(\d+)@@/g, (_, n) => `\${${holes[Number(n)]}}`);
    if (Array.isArray(value)) return value.map(restore);
    if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [restore(k), restore(v)]));
    return value;
  };
  return restore(JSON.parse(text));
}

/** Normalizes whitespace inside "${...}" expressions (HCL source keeps the author's spacing, JSON keeps cdktf's). */
function squash(value: Json): Json {
  if (typeof value === "string") return value.replace(/\s+/g, " ").replace(/\[ /g, "[").replace(/ ]/g, "]").replace(/, ]/g, "]").replace(/,]/g, "]");
  if (Array.isArray(value)) return value.map(squash);
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, squash(v)]));
  return value;
}

/**
 * Terraform JSON rewritten into what parsing its HCL must give: references in depends_on,
 * ignore_changes, replace_triggered_by, provider, iterator and variable types are
 * expressions; JSON documents (decoded) are compared by content.
 */
export function expectedFromJson(json: Json, documents: ReadonlySet<string>): Json {
  const copy = JSON.parse(JSON.stringify(json));
  for (const [, variable] of Object.entries<Json>(copy.variable ?? {})) if (variable.type) variable.type = wrap(variable.type);
  const fixBody = (body: Json, type: string) => {
    if (!body || typeof body !== "object") return;
    if (body.depends_on) body.depends_on = body.depends_on.map(wrap);
    if (typeof body.provider === "string") body.provider = wrap(body.provider);
    if (body.lifecycle?.ignore_changes) {
      const changes = body.lifecycle.ignore_changes;
      body.lifecycle.ignore_changes = Array.isArray(changes) ? changes.map(wrap) : wrap(changes);
    }
    if (body.lifecycle?.replace_triggered_by) body.lifecycle.replace_triggered_by = body.lifecycle.replace_triggered_by.map(wrap);
    for (const dynamic of Object.values<Json>(body.dynamic ?? {})) if (dynamic.iterator) dynamic.iterator = wrap(dynamic.iterator);
    for (const [key, value] of Object.entries(body)) {
      // A document with template directives (a container there only under a condition) is no JSON: the HCL keeps it a string.
      if (documents.has(`${type}.${key}`) && typeof value === "string" && /^[[{]/.test(value) && !value.includes("%{")) body[key] = squash(decodeJsonDocument(value));
    }
  };
  for (const [type, byName] of Object.entries<Json>(copy.resource ?? {})) for (const body of Object.values(byName)) fixBody(body, type);
  for (const [type, byName] of Object.entries<Json>(copy.data ?? {})) for (const body of Object.values(byName)) fixBody(body, `data.${type}`);
  for (const output of Object.values<Json>(copy.output ?? {})) if (output.depends_on) output.depends_on = output.depends_on.map(wrap);
  return canonical(copy);
}

/** Parsed HCL with `jsonencode(...)` arguments parsed too, so JSON documents compare by content. */
export async function actualFromHcl(parsed: Json, documents: ReadonlySet<string>): Promise<Json> {
  const copy = JSON.parse(JSON.stringify(parsed));
  for (const [type, byName] of Object.entries<Json>(copy.resource ?? {})) {
    for (const instances of Object.values<Json[]>(byName)) {
      for (const body of instances) {
        for (const [key, value] of Object.entries(body)) {
          const call = typeof value === "string" ? /^\$\{jsonencode\(([\s\S]*)\)\}$/.exec(value) : null;
          if (documents.has(`${type}.${key}`) && call) body[key] = squash((await parse("document.tf", `document = ${call[1]}\n`)).document);
        }
      }
    }
  }
  return canonical(copy);
}
