/** Longest line a trace reader accepts (a Mooncake row lists its block hashes; a CSV row is short). */
export const MAX_LINE_CHARS = 1 << 20;

/**
 * The fields of one CSV line (RFC 4180: fields may be quoted, with "" for a quote inside).
 * Lines without a quote take the fast path.
 */
export function splitCsv(line: string): string[] {
  if (!line.includes('"')) return line.split(",");
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"') {
        if (line[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      fields.push(field);
      field = "";
    } else field += c;
  }
  fields.push(field);
  return fields;
}

/** Header cells, trimmed and without a byte-order mark. */
export function headerOf(line: string): string[] {
  return splitCsv(line.replace(/^\uFEFF/, "")).map((c) => c.trim());
}

/** A cell as a number of 0 or more, or NaN. */
export function count(cell: string | undefined): number {
  if (cell === undefined) return NaN;
  const text = cell.trim();
  if (text === "") return NaN;
  const value = Number(text);
  return value >= 0 ? value : NaN;
}

/** The first 80 characters of a line, for messages. */
export function shown(line: string): string {
  return line.length > 80 ? `${line.slice(0, 80)}...` : line;
}
