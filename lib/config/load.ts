import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { Document, isMap, isSeq, LineCounter, Node, parseDocument } from "yaml";
import { ConfigError, ConfigProblem, formatPath, formatProblem } from "./problems";
import { EnvironmentConfig } from "./schema";
import { sharedStateProblems, sharedStateSettingProblems } from "./shared-state";
import { Finding, validateEnvironment } from "./validate";

/** Largest config file accepted; real ones are a few KiB. */
const MAX_FILE_BYTES = 1024 * 1024;

/**
 * Reads and validates one `config/<env>.yaml`. Throws a {@link ConfigError} listing
 * every problem; never returns a half-valid config.
 */
export function loadEnvironmentFile(file: string): EnvironmentConfig {
  const result = checkEnvironmentFile(file);
  if ("problems" in result) throw new ConfigError(result.problems);
  return result.config;
}

/**
 * Reads and validates every `*.yaml` in a directory (sorted by name). All files are
 * checked before anything is returned; a {@link ConfigError} lists the problems of all of them.
 */
export function loadEnvironmentDirectory(dir: string): EnvironmentConfig[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".yaml") || f.endsWith(".yml"))
    .sort()
    .map((f) => join(dir, f));
  if (files.length === 0) {
    throw new ConfigError([{ file: dir, path: "", message: "no environment files (*.yaml) found" }]);
  }
  const configs: EnvironmentConfig[] = [];
  const problems: ConfigProblem[] = [];
  for (const file of files) {
    const result = checkEnvironmentFile(file);
    if ("problems" in result) problems.push(...result.problems);
    else configs.push(result.config);
  }
  if (problems.length === 0) problems.push(...sharedStateProblems(configs), ...sharedStateSettingProblems(configs));
  if (problems.length > 0) throw new ConfigError(problems);
  return configs;
}

/** Validates one file's text; exposed for tests and tools that hold the text already. */
export function checkEnvironmentText(
  text: string,
  file: string,
): { config: EnvironmentConfig } | { problems: ConfigProblem[] } {
  const environment = basename(file).replace(/\.ya?ml$/, "");
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((error) => ({
        file,
        line: error.linePos?.[0]?.line ?? lineCounter.linePos(error.pos[0]).line,
        path: "",
        message: `YAML syntax error: ${error.message.split("\n")[0]}`,
      })),
    };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return { problems: [{ file, path: "", message: `YAML could not be read: ${(error as Error).message}` }] };
  }
  const result = validateEnvironment(data, environment, file);
  if (result.ok) {
    const warnings = result.warnings.map((finding) => formatProblem(place(finding, file, doc, lineCounter)));
    return { config: { ...result.config, warnings, lines: fieldLines(doc, lineCounter) } };
  }
  const problems = result.findings.map((finding) => place(finding, file, doc, lineCounter));
  return { problems: problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)) };
}

function checkEnvironmentFile(file: string): { config: EnvironmentConfig } | { problems: ConfigProblem[] } {
  let text: string;
  try {
    const bytes = readFileSync(file);
    if (bytes.length > MAX_FILE_BYTES) {
      return { problems: [{ file, path: "", message: `the file is ${bytes.length} bytes; config files may be at most ${MAX_FILE_BYTES}` }] };
    }
    text = bytes.toString("utf8");
  } catch (error) {
    return { problems: [{ file, path: "", message: `cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` }] };
  }
  return checkEnvironmentText(text, file);
}

/** The line of every key and list item of a document, by field path (`services.chat.scaling.policies[0].target`). */
export function fieldLines(doc: Document, lineCounter: LineCounter): Record<string, number> {
  const lines: Record<string, number> = {};
  const walk = (node: unknown, path: readonly PropertyKey[]) => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = (pair.key as { value?: unknown } | null)?.value;
        const start = (pair.key as Node | null)?.range?.[0];
        if (typeof key !== "string" || start === undefined) continue;
        const child = [...path, key];
        lines[formatPath(child)] = lineCounter.linePos(start).line;
        walk(pair.value, child);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => {
        const start = (item as Node | null)?.range?.[0];
        if (start === undefined) return;
        const child = [...path, index];
        lines[formatPath(child)] = lineCounter.linePos(start).line;
        walk(item, child);
      });
    }
  };
  walk(doc.contents, []);
  return lines;
}

function place(finding: Finding, file: string, doc: Document, lineCounter: LineCounter): ConfigProblem {
  const offset = locate(doc, finding.path);
  return {
    file,
    line: offset === undefined ? undefined : lineCounter.linePos(offset).line,
    path: formatPath(finding.path),
    value: finding.value,
    message: finding.message,
  };
}

/** Offset of the deepest node on `path` that exists: the key for a mapping entry, the item for a list entry. */
function locate(doc: Document, path: readonly PropertyKey[]): number | undefined {
  if (path.length === 0) return undefined;
  let node: unknown = doc.contents;
  let offset = (doc.contents as Node | null)?.range?.[0];
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => (item.key as { value?: unknown } | null)?.value === segment);
      if (!pair) break;
      offset = (pair.key as Node).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === "number") {
      const item = node.items[segment] as Node | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return offset;
}
