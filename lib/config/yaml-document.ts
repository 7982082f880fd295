import { Alias, Document, isAlias, isMap, isPair, isScalar, isSeq, LineCounter, Node, parseDocument, Scalar, visit } from "yaml";
import { formatPath, type ConfigProblem } from "./problems";

/**
 * Reads a config file's text as YAML 1.2 with the core schema, and refuses what would make the
 * loader crash, hang or silently read something else than the file says:
 * - characters YAML does not allow anywhere (a NUL, even in a comment), before parsing;
 * - nesting deeper than {@link MAX_TEXT_NESTING}, before parsing: the YAML library recurses per level
 *   and a stack overflow inside it can end the whole process (not just throw);
 * - syntax errors, several documents, a `%YAML` version other than 1.2 (1.1 reads `yes` as true,
 *   `010` as 8 and merges `<<` keys);
 * - tags outside the core schema (`!!js/function`, `!!binary`, `!custom`), which would otherwise
 *   become strings, dates, buffers or sets;
 * - keys that are not plain scalars, and `__proto__` keys (which vanish from the parsed data);
 * - numbers whose text is not what the parsed number is (`2048.0000000000001` reads as 2048),
 *   and numbers that do not fit a 64-bit float (`1e400`), `.inf` and `.nan`;
 * - aliases that make the data nest too deeply or refer to a node that contains them.
 */

/**
 * Largest nesting bound ({@link nestingBound}) a file's text may have. The bound counts generously
 * (real configs stay under 60); the YAML library reads 400 levels on a worker thread without
 * exhausting its stack, so this keeps a margin of two.
 */
export const MAX_TEXT_NESTING = 200;

/** The YAML library's limit on what aliases expand to (its maxAliasCount): a bound on the parsed data's size. */
const MAX_ALIAS_EXPANSION = 100;

/** Deepest the parsed data may nest once aliases are resolved; real configs nest under 15. */
export const MAX_DATA_DEPTH = 100;

/** Most problems reported for one file; more are summarized in one line. */
export const MAX_PROBLEMS_PER_FILE = 50;

/** The tags of YAML 1.2's core schema: the only ones a config may spell out. */
const CORE_TAGS = new Set(["str", "int", "float", "bool", "null", "map", "seq"].map((t) => `tag:yaml.org,2002:${t}`));

export type YamlResult =
  | { readonly ok: true; readonly data: unknown; readonly doc: Document; readonly lineCounter: LineCounter }
  | { readonly ok: false; readonly problems: ConfigProblem[] };

/** Parses a config file's text; see the module comment for what is refused. */
export function readYaml(text: string, file: string): YamlResult {
  const characters = characterProblems(text, file);
  if (characters.length > 0) return { ok: false, problems: characters };
  const nesting = nestingBound(text);
  if (nesting.depth > MAX_TEXT_NESTING) {
    return {
      ok: false,
      problems: [{ file, line: nesting.line, path: "", message: `nests too deeply: indentation, "- " and "[{" here add up to ${nesting.depth} levels; config files may reach at most ${MAX_TEXT_NESTING}` }],
    };
  }
  const lineCounter = new LineCounter();
  let doc: Document;
  try {
    doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, merge: false });
  } catch (error) {
    return { ok: false, problems: [{ file, path: "", message: `YAML could not be read: ${firstLine(error)}` }] };
  }
  const lineOf = (offset: number | undefined) => (offset === undefined ? undefined : lineCounter.linePos(offset).line);
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((error) => ({
        file,
        line: error.linePos?.[0]?.line ?? lineOf(error.pos[0]),
        path: "",
        message: error.code === "MULTIPLE_DOCS" ? "holds more than one YAML document (a second ---); an environment file is one document" : `YAML syntax error: ${firstLine(error)}`,
      })),
    };
  }
  const version = doc.directives?.yaml;
  if (version?.explicit && version.version !== "1.2") {
    const offset = text.indexOf("%YAML");
    return {
      ok: false,
      problems: [{ file, line: lineOf(offset < 0 ? undefined : offset), path: "", message: `declares %YAML ${version.version}; config files are YAML 1.2 (1.1 reads yes/no as booleans, 010 as 8 and merges << keys): remove the directive` }],
    };
  }
  const nodeProblems = new DocumentWalk(doc, file, lineOf).problems();
  if (nodeProblems.length > 0) return { ok: false, problems: nodeProblems };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSION });
  } catch (error) {
    if (firstLine(error).startsWith("Excessive alias count")) {
      // The YAML library counts what aliases expand to (an alias of a node holding aliases counts them all), not the aliases written.
      let first: Alias | undefined;
      visit(doc, { Alias: (_key, node) => void (first ??= node) });
      return {
        ok: false,
        problems: [
          {
            file,
            line: lineOf(first?.range?.[0]),
            path: "",
            message: `its aliases expand to more than ${MAX_ALIAS_EXPANSION} copies of one anchor's node (aliases of nodes that hold aliases multiply); write the repeated values out`,
          },
        ],
      };
    }
    return { ok: false, problems: [{ file, path: "", message: `YAML could not be read: ${firstLine(error)}` }] };
  }
  return { ok: true, data, doc, lineCounter };
}

/** At most {@link MAX_PROBLEMS_PER_FILE} problems, the rest counted in a last line. */
export function capProblems(problems: readonly ConfigProblem[]): ConfigProblem[] {
  if (problems.length <= MAX_PROBLEMS_PER_FILE) return [...problems];
  const shown = problems.slice(0, MAX_PROBLEMS_PER_FILE);
  return [...shown, { file: shown[0].file, path: "", message: `${problems.length - MAX_PROBLEMS_PER_FILE} more problems not shown; fix these first` }];
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0];
}

/**
 * Characters YAML 1.2 does not allow in a stream (c-printable): C0 controls other than tab, LF
 * and CR, DEL, C1 controls other than NEL, U+FFFE and U+FFFF. One problem per offending line.
 * Source: https://yaml.org/spec/1.2.2/#51-character-set
 */
function characterProblems(text: string, file: string): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  let line = 1;
  let reportedLine = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) {
      line++;
      continue;
    }
    const printable = c === 0x09 || c === 0x0d || (c >= 0x20 && c <= 0x7e) || c === 0x85 || (c >= 0xa0 && c <= 0xfffd);
    if (printable || line === reportedLine) continue;
    reportedLine = line;
    const name = c === 0 ? "a NUL character (U+0000)" : `the control character U+${c.toString(16).toUpperCase().padStart(4, "0")}`;
    problems.push({ file, line, path: "", message: `contains ${name}; YAML allows only printable characters, in comments too (write escapes such as "\\t" inside double quotes)` });
  }
  return problems;
}

/**
 * An upper bound of how deeply the YAML parser nests while reading `text`, and the line where it
 * is largest. A block level needs one more column of indentation or one more indicator (`- `, `? `,
 * `: `) on its line, except a list under a mapping key, which may share the key's column: so a
 * line's block depth is at most twice its indentation and indicators, plus two. Flow collections
 * (`[`, `{`) add one level each; while one is open, its lines keep the block depth of the line
 * that opened it (or their own, if larger). Linear, with no regular expression.
 */
export function nestingBound(text: string): { depth: number; line: number } {
  let flow = 0;
  let carried = 0;
  let best = { depth: 0, line: 1 };
  let line = 1;
  let i = 0;
  for (;;) {
    const end = text.indexOf("\n", i);
    const stop = end < 0 ? text.length : end;
    const flowAtStart = flow;
    let indent = 0;
    while (i + indent < stop && text.charCodeAt(i + indent) === 0x20) indent++;
    let indicators = 0;
    let maxFlow = flow;
    for (let k = i + indent; k < stop; k++) {
      const c = text.charCodeAt(k);
      if (c === 0x5b || c === 0x7b) {
        flow++;
        if (flow > maxFlow) maxFlow = flow;
      } else if (c === 0x5d || c === 0x7d) {
        if (flow > 0) flow--;
      } else if (c === 0x2d || c === 0x3f || c === 0x3a) {
        const next = k + 1 < stop ? text.charCodeAt(k + 1) : 0x20;
        if (next === 0x20 || next === 0x09 || next === 0x0d) indicators++;
      }
    }
    const lineBlock = 2 * (indent + indicators) + 2;
    const block = flowAtStart > 0 ? Math.max(carried, lineBlock) : lineBlock;
    if (flowAtStart === 0) carried = lineBlock;
    const depth = block + maxFlow;
    if (depth > best.depth) best = { depth, line };
    if (end < 0) return best;
    i = end + 1;
    line++;
  }
}

/** Checks every node of a parsed document, without recursion into aliases (their depth is memoized). */
class DocumentWalk {
  private readonly found: ConfigProblem[] = [];
  private readonly depths = new Map<Node, number>();
  private readonly resolving = new Set<Node>();

  constructor(
    private readonly doc: Document,
    private readonly file: string,
    private readonly lineOf: (offset: number | undefined) => number | undefined,
  ) {}

  public problems(): ConfigProblem[] {
    const root = this.doc.contents as Node | null;
    if (!root) return [];
    const depth = this.walk(root, []);
    if (depth > MAX_DATA_DEPTH && this.found.length === 0) {
      this.add(root, [], `nests ${depth} levels deep once its aliases are resolved; config data may nest at most ${MAX_DATA_DEPTH} levels`);
    }
    return this.found.slice(0, MAX_PROBLEMS_PER_FILE);
  }

  private add(node: Node, path: readonly PropertyKey[], message: string, literal?: string): void {
    this.found.push({ file: this.file, line: this.lineOf(node.range?.[0]), path: formatPath(path), ...(literal !== undefined ? { literal } : {}), message });
  }

  /** Checks a node and returns its depth with aliases resolved. Recursion is bounded by the text's nesting (checked before parsing). */
  private walk(node: Node, path: readonly PropertyKey[]): number {
    const known = this.depths.get(node);
    if (known !== undefined) return known;
    if (this.resolving.has(node)) return Number.POSITIVE_INFINITY;
    this.resolving.add(node);
    this.checkTag(node, path);
    let depth = 1;
    if (isAlias(node)) {
      depth = this.aliasDepth(node, path);
    } else if (isScalar(node)) {
      this.checkNumber(node, path);
    } else if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = pair.key as Node | null;
        const segment = this.keySegment(key, path);
        const child = [...path, segment];
        if (key && !isScalar(key)) depth = Math.max(depth, 1 + this.walk(key, child));
        else if (key) this.checkTag(key, child);
        if (pair.value) depth = Math.max(depth, 1 + this.walk(pair.value as Node, child));
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => {
        if (item) depth = Math.max(depth, 1 + this.walk(item as Node, [...path, index]));
      });
    }
    this.resolving.delete(node);
    this.depths.set(node, depth);
    return depth;
  }

  private aliasDepth(alias: Alias, path: readonly PropertyKey[]): number {
    const target = alias.resolve(this.doc) as Node | undefined;
    if (!target) return 1;
    if (this.resolving.has(target)) {
      this.add(alias, path, `the alias *${alias.source} refers to a node that contains it; the data would be infinitely deep`);
      return 1;
    }
    return this.walk(target, path);
  }

  /** The path segment of a mapping key, with problems for keys that are not plain names. */
  private keySegment(key: Node | null, path: readonly PropertyKey[]): string {
    if (key === null) return "";
    if (!isScalar(key)) {
      const what = isAlias(key) ? "an alias" : isMap(key) ? "a mapping" : "a list";
      this.add(key, path, `has a key that is ${what}; keys must be plain names`);
      return "?";
    }
    const segment = String(key.value ?? "");
    if (segment === "__proto__") {
      this.add(key, [...path, segment], "is not allowed as a key: __proto__ is not a name, and JavaScript drops it from the data");
    }
    return segment;
  }

  private checkTag(node: Node, path: readonly PropertyKey[]): void {
    const tag = node.tag;
    if (tag === undefined || CORE_TAGS.has(tag)) return;
    const shown = tag.startsWith("tag:yaml.org,2002:") ? `!!${tag.slice("tag:yaml.org,2002:".length)}` : tag;
    this.add(node, path, `the tag ${shown} is not allowed; config values are plain YAML (only the core schema's tags: !!str, !!int, !!float, !!bool, !!null, !!map, !!seq)`);
  }

  /** A number must be finite and be what its text says. */
  private checkNumber(node: Scalar, path: readonly PropertyKey[]): void {
    if (typeof node.value !== "number") return;
    const source = typeof node.source === "string" ? node.source : String(node.value);
    if (!Number.isFinite(node.value)) {
      const why = /^[-+]?\.(inf|Inf|INF)$/.test(source) || /^\.(nan|NaN|NAN)$/.test(source) ? "is not a finite number" : "is too large for a 64-bit number (at most about 1.8e308)";
      this.add(node, path, `${why}; numbers must be finite`, source);
      return;
    }
    if (Number.isInteger(node.value) && !decimalIsWhole(source)) {
      this.add(node, path, `is not a whole number, though it reads as ${node.value} (a 64-bit number keeps about 16 digits); write the number you mean`, source);
    }
  }
}

/**
 * True unless `text` is a decimal literal with a non-zero digit after the point (once its
 * exponent is applied): `2048.0` and `2.048e3` are whole, `2048.0000000000001` is not. Texts that
 * are not decimal literals (hexadecimal, octal) count as whole.
 */
export function decimalIsWhole(text: string): boolean {
  const match = /^[-+]?(\d*)(?:\.(\d*))?(?:[eE]([-+]?\d{1,6}))?$/.exec(text.length > 4096 ? "" : text);
  if (!match) return true;
  const [, whole, fraction = "", exponentText = "0"] = match;
  const digits = whole + fraction;
  const point = whole.length + Number(exponentText);
  for (let i = Math.max(point, 0); i < digits.length; i++) if (digits[i] !== "0") return false;
  return true;
}
