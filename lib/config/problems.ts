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

/** Renders a field path: `["services", "chat", "scaling", "policies", 1]` becomes `services.chat.scaling.policies[1]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((segment, i) => (typeof segment === "number" ? `[${segment}]` : i === 0 ? String(segment) : `.${String(segment)}`))
    .join("");
}

function formatValue(value: unknown): string {
  let text: string;
  if (typeof value === "string") text = JSON.stringify(value);
  else if (value === null) text = "null";
  else if (Array.isArray(value)) text = `a list of ${value.length}`;
  else if (typeof value === "object") text = "a mapping";
  else text = String(value);
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}

/** One line per problem: `config/prod.yaml:14: services.chat.memory = 3000: must be ...`. */
export function formatProblem(problem: ConfigProblem): string {
  const where = problem.line ? `${problem.file}:${problem.line}` : problem.file;
  const field = problem.path || "(file)";
  const value = problem.value === undefined ? "" : ` = ${formatValue(problem.value)}`;
  return `${where}: ${field}${value}: ${problem.message}`;
}
