import type { IConstruct } from "constructs";

/** Metadata type of a construct's {@link ConfigSource}. */
export const CONFIG_SOURCE_METADATA = "ecs-ai/config-source";

/**
 * Where in a config file the resources below a construct come from: the file, the path of the
 * section (`services.chat`, `loadBalancer`, `state`; "" for the whole file) and the file's field
 * lines. The stacks mark their constructs with it so a security finding can name the YAML.
 */
export interface ConfigSource {
  readonly file: string;
  readonly path: string;
  readonly lines: Readonly<Record<string, number>>;
  /**
   * Whether the file's `policy.suppressions` reach the resources: not for the state stack's,
   * which hold every environment's state and always get the production rules.
   * @default true
   */
  readonly suppressible?: boolean;
}

/** A finding's place in the config: file, line when known, and field path. */
export interface ConfigLocation {
  readonly file: string;
  readonly line?: number;
  readonly path: string;
  /** See {@link ConfigSource.suppressible}. @default true */
  readonly suppressible?: boolean;
}

/** Marks a construct (and everything below it) as coming from a section of a config file. */
export function markConfigSource(construct: IConstruct, source: ConfigSource): void {
  construct.node.addMetadata(CONFIG_SOURCE_METADATA, source);
}

/** The config source of the nearest construct on the way up that has one. */
export function configSourceOf(construct: IConstruct): ConfigSource | undefined {
  for (const scope of [...construct.node.scopes].reverse()) {
    const entry = scope.node.metadata.find((m) => m.type === CONFIG_SOURCE_METADATA);
    if (entry) return entry.data as ConfigSource;
  }
  return undefined;
}

/**
 * The field a finding is about: `field` below the source's section (or the section itself;
 * a field starting with "/" is a path from the top of the file),
 * with the line of the deepest part of that path the file sets (a defaulted field points at
 * its section).
 */
export function locate(source: ConfigSource, field: string): ConfigLocation {
  const path = field.startsWith("/") ? field.slice(1) : [source.path, field].filter(Boolean).join(".");
  const suppressible = source.suppressible === false ? { suppressible: false } : {};
  for (let candidate = path; candidate !== ""; candidate = parentPath(candidate)) {
    const line = source.lines[candidate];
    if (line !== undefined) return { file: source.file, line, path, ...suppressible };
  }
  return { file: source.file, path, ...suppressible };
}

function parentPath(path: string): string {
  const cut = Math.max(path.lastIndexOf("."), path.lastIndexOf("["));
  return cut < 0 ? "" : path.slice(0, cut);
}
