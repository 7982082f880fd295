import { call, Expr, object, raw, tuple } from "./document";
import { hclKey, hclString, parseTemplate, quotedTemplate, singleInterpolation } from "./template";

/**
 * JSON documents kept in Terraform strings (container definitions, IAM policies) as HCL
 * values for `jsonencode(...)`. The string is a template whose interpolations sit either
 * inside JSON strings (`"awslogs-group":"${aws_cloudwatch_log_group.x.name}"`) or in value
 * position, where they must produce JSON text (`"cpu":${var.cpu}`,
 * `"environment":${jsonencode(...)}`). Each becomes the matching HCL value.
 */

// Private-use characters stand in for interpolations while the JSON is parsed.
const IN_STRING = "\uE000";
const BARE = "\uE002";
const END = "\uE001";
const MARKERS = /[\uE000-\uE002]/;

/** The `jsonencode(...)` expression of a JSON document template, or undefined when it is not a JSON object or array. */
export function jsonDocumentExpression(template: string): Expr | undefined {
  if (MARKERS.test(template)) return undefined;
  const parts = parseTemplate(template);
  if (parts.some((part) => part.kind === "directive")) return undefined;
  const expressions: string[] = [];
  let text = "";
  let inString = false;
  for (const part of parts) {
    if (part.kind === "interpolation") {
      expressions.push(part.expression.trim());
      const index = expressions.length - 1;
      text += inString ? `${IN_STRING}${index}${END}` : `"${BARE}${index}${END}"`;
      continue;
    }
    // A literal part: the template's own escapes become the characters they stand for.
    const literal = part.text.replace(/\$\$\{/g, "${").replace(/%%\{/g, "%{");
    for (let i = 0; i < literal.length; i++) {
      const c = literal[i];
      if (inString && c === "\\") {
        text += c + (literal[i + 1] ?? "");
        i++;
        continue;
      }
      if (c === '"') inString = !inString;
      text += c;
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== "object" || parsed === null) return undefined;
  return call("jsonencode", toExpr(parsed, expressions));
}

function toExpr(value: unknown, expressions: readonly string[]): Expr {
  if (typeof value === "string") return raw(stringExpr(value, expressions));
  if (typeof value === "number" || typeof value === "boolean" || value === null) return raw(JSON.stringify(value));
  if (Array.isArray(value)) return tuple(value.map((item) => toExpr(item, expressions)));
  return object(
    Object.entries(value as Record<string, unknown>).map(([key, item]) => ({
      key: key.includes(IN_STRING) ? quotedTemplate(toTemplate(key, expressions)) : hclKey(key),
      value: toExpr(item, expressions),
    })),
  );
}

/** A JSON string that may hold interpolations, as an HCL expression. */
function stringExpr(value: string, expressions: readonly string[]): string {
  const bare = new RegExp(`^${BARE}(\\d+)${END}$`).exec(value);
  if (bare) {
    const expression = expressions[Number(bare[1])];
    // `${jsonencode(x)}` in value position writes x as JSON: inside jsonencode() the value is x itself.
    const encoded = /^jsonencode\(([\s\S]*)\)$/.exec(expression);
    return encoded ? encoded[1].trim() : expression;
  }
  if (!value.includes(IN_STRING)) return hclString(value);
  const template = toTemplate(value, expressions);
  return singleInterpolation(template) ?? quotedTemplate(template);
}

/** A decoded JSON string with markers, back to a Terraform template (literal `${` escaped as `$${`). */
function toTemplate(value: string, expressions: readonly string[]): string {
  return value
    .split(new RegExp(`(${IN_STRING}\\d+${END})`))
    .map((piece) => {
      const marker = new RegExp(`^${IN_STRING}(\\d+)${END}$`).exec(piece);
      return marker ? `\${${expressions[Number(marker[1])]}}` : piece.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");
    })
    .join("");
}
