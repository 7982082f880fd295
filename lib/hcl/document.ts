/**
 * A small HCL document model and its printer. The printer writes what `terraform fmt`
 * writes (two-space indents, `=` aligned across consecutive one-line attributes, one
 * indent level per line that opens brackets), so its output is already formatted; a test
 * checks that the HCL formatter cdktf's CLI uses leaves every generated file unchanged.
 */

/** An HCL expression. */
export type Expr =
  /** Expression source on one line: a literal, a reference, a function call, a quoted template. */
  | { readonly kind: "raw"; readonly text: string }
  | { readonly kind: "tuple"; readonly items: readonly Expr[] }
  /** Keys as written (an identifier or a quoted string). */
  | { readonly kind: "object"; readonly entries: readonly { readonly key: string; readonly value: Expr }[] }
  | { readonly kind: "call"; readonly name: string; readonly args: readonly Expr[] };

/** An item of a body: an attribute or a nested block. */
export type BodyItem =
  | { readonly kind: "attribute"; readonly name: string; readonly value: Expr }
  | { readonly kind: "block"; readonly type: string; readonly labels: readonly string[]; readonly body: readonly BodyItem[] };

export const raw = (text: string): Expr => ({ kind: "raw", text });
export const tuple = (items: readonly Expr[]): Expr => ({ kind: "tuple", items });
export const object = (entries: readonly { key: string; value: Expr }[]): Expr => ({ kind: "object", entries });
export const call = (name: string, ...args: Expr[]): Expr => ({ kind: "call", name, args });
export const attribute = (name: string, value: Expr): BodyItem => ({ kind: "attribute", name, value });
export const block = (type: string, labels: readonly string[], body: readonly BodyItem[]): BodyItem => ({ kind: "block", type, labels, body });

/** Tuples of plain values up to this width stay on one line. */
const INLINE_TUPLE_WIDTH = 80;

const indent = (level: number) => "  ".repeat(level);

/** Prints an expression whose first line starts at indent `level`; continuation lines are indented from there. */
export function printExpr(expr: Expr, level: number): string {
  switch (expr.kind) {
    case "raw":
      return expr.text;
    case "call":
      return `${expr.name}(${expr.args.map((arg) => printExpr(arg, level)).join(", ")})`;
    case "tuple": {
      if (expr.items.length === 0) return "[]";
      const items = expr.items.map((item) => printExpr(item, level + 1));
      const inline = `[${items.join(", ")}]`;
      if (expr.items.every((item) => item.kind === "raw") && inline.length <= INLINE_TUPLE_WIDTH) return inline;
      return `[\n${items.map((item) => `${indent(level + 1)}${item},\n`).join("")}${indent(level)}]`;
    }
    case "object": {
      if (expr.entries.length === 0) return "{}";
      const lines = printAttributes(expr.entries.map((e) => ({ name: e.key, value: e.value })), level + 1);
      return `{\n${lines.join("")}${indent(level)}}`;
    }
  }
}

/** Lines of `name = value` pairs at `level`, aligning `=` across consecutive one-line values. */
function printAttributes(pairs: readonly { name: string; value: Expr }[], level: number): string[] {
  const printed = pairs.map((pair) => ({ name: pair.name, value: printExpr(pair.value, level) }));
  return alignRuns(printed, level);
}

function alignRuns(printed: readonly { name: string; value: string | undefined }[], level: number, blocks: string[] = []): string[] {
  const lines: string[] = [];
  let run: { name: string; value: string }[] = [];
  const flush = () => {
    const width = Math.max(0, ...run.map((r) => r.name.length));
    for (const r of run) lines.push(`${indent(level)}${r.name.padEnd(width)} = ${r.value}\n`);
    run = [];
  };
  printed.forEach((item, i) => {
    if (item.value === undefined) {
      flush();
      lines.push(blocks[i]);
    } else if (item.value.includes("\n")) {
      flush();
      lines.push(`${indent(level)}${item.name} = ${item.value}\n`);
    } else {
      run.push({ name: item.name, value: item.value });
    }
  });
  flush();
  return lines;
}

/** Lines of a body at `level`. */
export function printBody(items: readonly BodyItem[], level: number): string[] {
  const blocks: string[] = [];
  const printed = items.map((item, i) => {
    if (item.kind === "attribute") return { name: item.name, value: printExpr(item.value, level) };
    blocks[i] = printBlock(item, level);
    return { name: "", value: undefined };
  });
  return alignRuns(printed, level, blocks);
}

function printBlock(item: Extract<BodyItem, { kind: "block" }>, level: number): string {
  const header = [item.type, ...item.labels.map((label) => JSON.stringify(label))].join(" ");
  if (item.body.length === 0) return `${indent(level)}${header} {}\n`;
  return `${indent(level)}${header} {\n${printBody(item.body, level + 1).join("")}${indent(level)}}\n`;
}

/** A whole file: top-level blocks separated by blank lines. */
export function printDocument(items: readonly BodyItem[]): string {
  return items.map((item) => printBody([item], 0).join("")).join("\n");
}
