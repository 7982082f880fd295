import { Document, isMap, isSeq, LineCounter, Node } from "yaml";
import { environmentOfFile, listConfigFiles, readConfigFile } from "./config-files";
import { ConfigError, ConfigProblem, formatPath } from "./problems";
import { EnvironmentConfig } from "./schema";
import { sharedStateProblems, sharedStateSettingProblems } from "./shared-state";
import { Finding, validateEnvironment } from "./validate";
import { crossEnvironmentCollisions, crossEnvironmentMessage, environmentAwsNames } from "./validate-names";
import { MAX_SERVICES_PER_SYNTH } from "./size-limits";
import { capProblems, readYaml } from "./yaml-document";

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
  const listing = listConfigFiles(dir);
  if ("problems" in listing) throw new ConfigError(listing.problems);
  const files = listing.files;
  const checked: CheckedEnvironment[] = [];
  const problems: ConfigProblem[] = [];
  for (const file of files) {
    const result = checkEnvironmentFile(file);
    if ("problems" in result) problems.push(...result.problems);
    else checked.push(result);
  }
  const configs = checked.map((c) => c.config);
  const total = configs.reduce((sum, config) => sum + Object.keys(config.services).length, 0);
  if (problems.length === 0 && total > MAX_SERVICES_PER_SYNTH) {
    problems.push({ file: dir, path: "", message: `its environments have ${total} services together; a synth takes at most ${MAX_SERVICES_PER_SYNTH} (split the config directory)` });
  }
  if (problems.length === 0) problems.push(...sharedStateProblems(configs), ...sharedStateSettingProblems(configs), ...crossEnvironmentProblems(checked));
  if (problems.length > 0) throw new ConfigError(problems);
  return configs;
}

/** A valid environment and how to find the line of one of its fields. */
interface CheckedEnvironment {
  readonly config: EnvironmentConfig;
  readonly lineOf: (path: readonly PropertyKey[]) => number | undefined;
}

/**
 * Problems between environments: AWS names two environments would both give a resource (project
 * a with environment b-c and project a-b with environment c both name their cluster a-b-c), and
 * lock tables that two environments want in different Regions (the state stack creates each once).
 */
function crossEnvironmentProblems(checked: readonly CheckedEnvironment[]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const byFile = new Map(checked.map((c) => [c.config.file, c]));
  const named = checked.map(({ config }) => ({
    environment: config.environment,
    project: config.project,
    file: config.file,
    account: config.accountId,
    names: environmentAwsNames(config, config.environment),
  }));
  for (const collision of crossEnvironmentCollisions(named)) {
    const { environment, name } = collision;
    problems.push({
      file: environment.file,
      line: byFile.get(environment.file)?.lineOf(name.path),
      path: formatPath(name.path),
      value: name.value,
      message: crossEnvironmentMessage(collision),
    });
  }
  // The state stack creates every state bucket and access log bucket once: one name cannot be both.
  const buckets = new Map<string, { role: "state" | "access log"; config: EnvironmentConfig }>();
  for (const { config, lineOf } of checked) {
    for (const [role, field, name] of [["state", "bucket", config.state.bucket], ["access log", "accessLogBucket", config.state.accessLogBucket]] as const) {
      const earlier = buckets.get(name);
      if (!earlier) buckets.set(name, { role, config });
      else if (earlier.role !== role) {
        problems.push({
          file: config.file,
          line: lineOf(["state", field]) ?? lineOf(["state", "bucket"]),
          path: `state.${field}`,
          value: name,
          message: `makes "${name}" the ${role} bucket, but ${earlier.config.file} makes it its ${earlier.role} bucket; the state stack would create two buckets of one name: name them apart`,
        });
      }
    }
  }
  // One access log bucket serves one state bucket: the state stack creates it, with a policy that lets that bucket write.
  const logBuckets = new Map<string, EnvironmentConfig>();
  for (const { config, lineOf } of checked) {
    const earlier = logBuckets.get(config.state.accessLogBucket);
    if (!earlier) logBuckets.set(config.state.accessLogBucket, config);
    else if (earlier.state.bucket !== config.state.bucket) {
      problems.push({
        file: config.file,
        line: lineOf(["state", "accessLogBucket"]) ?? lineOf(["state", "bucket"]),
        path: "state.accessLogBucket",
        value: config.state.accessLogBucket,
        message: `is also the access log bucket of state bucket "${earlier.state.bucket}" (${earlier.file}); the state stack creates one access log bucket per state bucket: name another, or leave it out for "${config.state.bucket}-logs"`,
      });
    }
  }
  const tables = new Map<string, EnvironmentConfig>();
  for (const { config, lineOf } of checked) {
    const table = config.state.dynamodbTable;
    if (!table) continue;
    const earlier = tables.get(table);
    if (!earlier) tables.set(table, config);
    else if (earlier.state.region !== config.state.region) {
      problems.push({
        file: config.file,
        line: lineOf(["state", "dynamodbTable"]),
        path: "state.dynamodbTable",
        value: table,
        message: `is also the lock table of ${earlier.file}, whose state is in ${earlier.state.region}, not ${config.state.region}; the state stack creates a lock table once, in one Region: give this environment its own table`,
      });
    }
  }
  return problems;
}

/** Validates one file's text; exposed for tests and tools that hold the text already. */
export function checkEnvironmentText(
  text: string,
  file: string,
): { config: EnvironmentConfig } | { problems: ConfigProblem[] } {
  const result = checkText(text, file);
  return "problems" in result ? result : { config: result.config };
}

function checkText(text: string, file: string): CheckedEnvironment | { problems: ConfigProblem[] } {
  const yaml = readYaml(text, file);
  if (!yaml.ok) return { problems: capProblems(yaml.problems) };
  const { data, doc, lineCounter } = yaml;
  const result = validateEnvironment(data, environmentOfFile(file), file);
  if (result.ok) {
    const warnings = result.warnings.map((warning) => place(warning, file, doc, lineCounter));
    const lineOf = (path: readonly PropertyKey[]) => {
      const offset = locate(doc, path);
      return offset === undefined ? undefined : lineCounter.linePos(offset).line;
    };
    return { config: { ...result.config, warnings, lines: fieldLines(doc, lineCounter) }, lineOf };
  }
  const problems = result.findings.map((finding) => place(finding, file, doc, lineCounter));
  return { problems: capProblems(problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0))) };
}

function checkEnvironmentFile(file: string): CheckedEnvironment | { problems: ConfigProblem[] } {
  const read = readConfigFile(file);
  if ("problem" in read) return { problems: [read.problem] };
  return checkText(read.text, file);
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
