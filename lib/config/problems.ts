/** One thing wrong with a config file, located as precisely as the file allows. */
export interface ConfigProblem {
  /** The config file, as the loader was given it (e.g. `config/prod.yaml`). */
  readonly file: string;
  /** 1-based line in the file, when the problem can be placed. */
  readonly line?: number;
  /** Field path such as `services.chat.memory` or `services.chat.scaling.policies[1].target`; empty for the whole file. */
  readonly path: string;
  /** The offending value, when there is one (absent for a missing field). */
  readonly value?: unknown;
  /** The value as the file writes it, shown instead of `value` where the parsed value would mislead (`2048.0000000000001` parses as 2048). @default `value` */
  readonly literal?: string;
  /** What is wrong and what is allowed. */
  readonly message: string;
}

/** Thrown when one or more config files are invalid; carries every problem found. */
export class ConfigError extends Error {
  constructor(public readonly problems: readonly ConfigProblem[]) {
    super(problems.map(formatProblem).join("\n"));
    this.name = "ConfigError";
  }
}

/**
 * Renders a field path: `["services", "chat", "scaling", "policies", 1]` becomes
 * `services.chat.scaling.policies[1]`; a key with spaces, dots, brackets or other unusual
 * characters is quoted (`tags["cost center"]`), and a very long one shortened.
 */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((segment, i) => {
      if (typeof segment === "number") return `[${segment}]`;
      const text = String(segment);
      if (/^[\x21-\x2d\x2f-\x5a\x5c\x5e-\x7e]{1,64}$/.test(text)) return i === 0 ? text : `.${text}`;
      return `[${JSON.stringify(text.length > 64 ? `${text.slice(0, 61)}...` : text)}]`;
    })
    .join("");
}

function formatValue(value: unknown): string {
  let text: string;
  if (typeof value === "string") text = JSON.stringify(value);
  else if (value === null) text = "null";
  else if (Array.isArray(value)) text = `a list of ${value.length}`;
  else if (typeof value === "object") text = "a mapping";
  else text = String(value);
  return shorten(text);
}

function shorten(text: string): string {
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}

/**
 * One line per problem: `config/prod.yaml:14: services.chat.memory = 3000: must be ...`. Control
 * characters (a newline in a file name or quoted key) are escaped, so a problem is always one line.
 */
export function formatProblem(problem: ConfigProblem): string {
  const where = problem.line ? `${problem.file}:${problem.line}` : problem.file;
  const field = problem.path || "(file)";
  const value = problem.literal !== undefined ? ` = ${shorten(problem.literal)}` : problem.value === undefined ? "" : ` = ${formatValue(problem.value)}`;
  return `${where}: ${field}${value}: ${problem.message}`.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, escapeControl);
}

function escapeControl(c: string): string {
  const named: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };
  return named[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
}
