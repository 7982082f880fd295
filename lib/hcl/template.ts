/**
 * Terraform template strings: every string in Terraform JSON is one, and so is every
 * quoted string in HCL. The same text means the same thing in both syntaxes, except that
 * HCL needs `"`, `\` and control characters escaped in the literal parts.
 */

/** A piece of a template: literal text (escapes such as `$${` kept as written), an interpolation, or a directive. */
export type TemplatePart =
  | { readonly kind: "literal"; readonly text: string }
  | { readonly kind: "interpolation"; readonly expression: string }
  | { readonly kind: "directive"; readonly text: string };

/**
 * Index of the `}` that closes the `${` or `%{` opened at `start`, skipping nested braces
 * and quoted strings (which may hold templates of their own).
 */
export function closingBrace(text: string, start: number): number {
  let depth = 1;
  let i = start + 2;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      i = afterQuoted(text, i);
      continue;
    }
    if (c === "{") depth++;
    if (c === "}" && --depth === 0) return i;
    i++;
  }
  throw new Error(`unterminated template sequence at ${start} in ${JSON.stringify(text)}`);
}

/** Index just past the quoted string that opens at `start` (inside an interpolation). */
function afterQuoted(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === "\\") i += 2;
    else if (c === '"') return i + 1;
    else if (text.startsWith("$${", i) || text.startsWith("%%{", i)) i += 3;
    else if (text.startsWith("${", i) || text.startsWith("%{", i)) i = closingBrace(text, i) + 1;
    else i++;
  }
  throw new Error(`unterminated string at ${start} in ${JSON.stringify(text)}`);
}

/** Splits a template into literal text, `${...}` interpolations and `%{...}` directives. */
export function parseTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let literal = "";
  let i = 0;
  while (i < template.length) {
    const two = template.slice(i, i + 2);
    const three = template.slice(i, i + 3);
    if (three === "$${" || three === "%%{") {
      literal += three;
      i += 3;
    } else if (two === "${" || two === "%{") {
      if (literal) parts.push({ kind: "literal", text: literal });
      literal = "";
      const end = closingBrace(template, i);
      parts.push(two === "${" ? { kind: "interpolation", expression: template.slice(i + 2, end) } : { kind: "directive", text: template.slice(i, end + 1) });
      i = end + 1;
    } else {
      literal += template[i];
      i++;
    }
  }
  if (literal) parts.push({ kind: "literal", text: literal });
  return parts;
}

/** The expression of a template that is exactly one interpolation (`"${aws_lb.x.arn}"`), else undefined. */
export function singleInterpolation(template: string): string | undefined {
  if (!template.startsWith("${")) return undefined;
  const parts = parseTemplate(template);
  if (parts.length !== 1 || parts[0].kind !== "interpolation") return undefined;
  const expression = parts[0].expression.trim();
  return expression.startsWith("~") || expression.endsWith("~") ? undefined : expression;
}

/** Escapes literal template text for an HCL quoted string (template escapes `$${`, `%%{` stay as they are). */
function escapeLiteral(text: string): string {
  return text.replace(/[\\"\u0000-\u001f\u007f]/g, (c) => {
    switch (c) {
      case "\\":
        return "\\\\";
      case '"':
        return '\\"';
      case "\n":
        return "\\n";
      case "\r":
        return "\\r";
      case "\t":
        return "\\t";
      default:
        return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
    }
  });
}

/**
 * A Terraform template as an HCL expression: a bare expression when the template is a
 * single interpolation (Terraform returns its value unchanged either way), else a quoted
 * template with the literal parts escaped.
 */
export function hclTemplate(template: string): string {
  return singleInterpolation(template) ?? quotedTemplate(template);
}

/** A Terraform template as an HCL quoted template, literal parts escaped. */
export function quotedTemplate(template: string): string {
  return `"${parseTemplate(template)
    .map((part) => (part.kind === "literal" ? escapeLiteral(part.text) : part.kind === "interpolation" ? `\${${part.expression}}` : part.text))
    .join("")}"`;
}

/**
 * Text that Terraform must take literally, as the value of a string in Terraform JSON (or inside
 * a JSON document that becomes one, such as container definitions): Terraform reads `${` and
 * `%{` in every string as the start of an interpolation or a directive, so they become `$${` and
 * `%%{`. For values the config passes on as they are, such as `command: [sh, -c, "serve --port ${PORT}"]`.
 */
export function literalText(value: string): string {
  return value.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");
}

/** A literal string (no interpolation) as an HCL quoted string: `${` and `%{` are escaped too. */
export function hclString(value: string): string {
  return `"${literalText(escapeLiteral(value))}"`;
}

/** True for a name HCL accepts bare as an attribute, block type or object key. */
export function isIdentifier(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(name) && !["true", "false", "null"].includes(name);
}

/** An object key: bare when it is a plain identifier (no dashes), else a quoted template (`"awslogs-group"`). */
export function hclKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) && isIdentifier(key) ? key : quotedTemplate(key);
}
