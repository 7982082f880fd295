/**
 * CloudWatch metric math, parsed as CloudWatch reads it, so that an expression CloudWatch would
 * refuse is refused by the config check instead of at apply time: operators, functions (upper
 * case, with their arguments), metric ids (a lower-case first letter), numbers, strings, lists.
 * Source: https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/using-metric-math.html
 * (Metric math syntax and functions: arithmetic + - * / ^ and unary -; comparison == != <= >= < >;
 * logical AND && OR ||; the function table; "the final result of any math expression must be a
 * single time series or an array of time series"; "You can't create an alarm based on a SEARCH
 * expression ... an alarm based on a math expression can watch only one time series").
 * A recursive-descent parser over a token list: linear in the expression's length, with the
 * nesting capped at {@link MAX_NESTING}.
 */

/** What an expression evaluates to: a number, one time series, or several. */
export type MathType = "scalar" | "series" | "series[]";

interface FunctionSpec {
  readonly min: number;
  readonly max: number;
  /** The result for the arguments' types (arguments that are keywords have no type). */
  readonly returns: (args: readonly (MathType | undefined)[]) => MathType;
  /** Keywords the function takes at these argument positions. */
  readonly keywords?: Readonly<Record<number, readonly string[]>>;
}

const sameAsFirst = (args: readonly (MathType | undefined)[]): MathType => args[0] ?? "series";
/** AVG, MAX ... of one series is a number; of an array, one series. */
const reduce = (args: readonly (MathType | undefined)[]): MathType => (args[0] === "series[]" ? "series" : "scalar");
const seriesOf = (): MathType => "series";
const arrayOf = (): MathType => "series[]";
const scalarOf = (): MathType => "scalar";

/** The functions of metric math, with how many arguments each takes and what it returns. */
export const METRIC_MATH_FUNCTIONS: Readonly<Record<string, FunctionSpec>> = {
  ABS: { min: 1, max: 1, returns: sameAsFirst },
  ANOMALY_DETECTION_BAND: { min: 1, max: 2, returns: arrayOf },
  AVG: { min: 1, max: 1, returns: reduce },
  CEIL: { min: 1, max: 1, returns: sameAsFirst },
  DATAPOINT_COUNT: { min: 1, max: 1, returns: reduce },
  DIFF: { min: 1, max: 1, returns: sameAsFirst },
  DIFF_TIME: { min: 1, max: 1, returns: sameAsFirst },
  FILL: { min: 2, max: 2, returns: sameAsFirst, keywords: { 1: ["REPEAT", "LINEAR"] } },
  FIRST: { min: 1, max: 1, returns: seriesOf },
  LAST: { min: 1, max: 1, returns: seriesOf },
  FLOOR: { min: 1, max: 1, returns: sameAsFirst },
  IF: { min: 2, max: 3, returns: (args) => (args.some((t) => t !== "scalar") ? "series" : "scalar") },
  INSIGHT_RULE_METRIC: { min: 2, max: 2, returns: seriesOf },
  LOG: { min: 1, max: 1, returns: sameAsFirst },
  LOG10: { min: 1, max: 1, returns: sameAsFirst },
  MAX: { min: 1, max: 1, returns: reduce },
  METRIC_COUNT: { min: 1, max: 1, returns: scalarOf },
  METRICS: { min: 0, max: 1, returns: arrayOf },
  MIN: { min: 1, max: 1, returns: reduce },
  MINUTE: { min: 1, max: 1, returns: seriesOf },
  HOUR: { min: 1, max: 1, returns: seriesOf },
  DAY: { min: 1, max: 1, returns: seriesOf },
  DATE: { min: 1, max: 1, returns: seriesOf },
  MONTH: { min: 1, max: 1, returns: seriesOf },
  YEAR: { min: 1, max: 1, returns: seriesOf },
  EPOCH: { min: 1, max: 1, returns: seriesOf },
  PERIOD: { min: 1, max: 1, returns: scalarOf },
  RATE: { min: 1, max: 1, returns: sameAsFirst },
  REMOVE_EMPTY: { min: 1, max: 1, returns: arrayOf },
  RUNNING_SUM: { min: 1, max: 1, returns: sameAsFirst },
  SEARCH: { min: 1, max: 3, returns: arrayOf },
  SERVICE_QUOTA: { min: 1, max: 1, returns: seriesOf },
  SLICE: { min: 2, max: 3, returns: arrayOf },
  SORT: { min: 3, max: 4, returns: arrayOf, keywords: { 1: ["AVG", "MIN", "MAX", "SUM"], 2: ["ASC", "DESC"] } },
  STDDEV: { min: 1, max: 1, returns: reduce },
  SUM: { min: 1, max: 1, returns: reduce },
  TIME_SERIES: { min: 1, max: 1, returns: seriesOf },
};

/** Deepest nesting of parentheses, brackets and calls the parser follows. */
export const MAX_NESTING = 32;

export type ParsedMath = { readonly ok: true; readonly ids: ReadonlySet<string>; readonly type: MathType } | { readonly ok: false; readonly message: string };

type Token =
  | { readonly kind: "number" | "id" | "name" | "string"; readonly text: string; readonly at: number }
  | { readonly kind: "op"; readonly text: string; readonly at: number }
  | { readonly kind: "end"; readonly text: ""; readonly at: number };

class MathSyntaxError extends Error {}

const OPERATORS = ["==", "!=", "<=", ">=", "&&", "||", "<", ">", "+", "-", "*", "/", "^", "(", ")", "[", "]", ","];

/** Splits an expression into tokens; throws at a character metric math has no use for. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === " " || c === "\t") {
      i++;
      continue;
    }
    const start = i;
    if (/[0-9.]/.test(c)) {
      while (i < text.length && /[0-9.]/.test(text[i])) i++;
      if (i < text.length && /[eE]/.test(text[i])) {
        i++;
        if (i < text.length && /[+-]/.test(text[i])) i++;
        while (i < text.length && /[0-9]/.test(text[i])) i++;
      }
      const number = text.slice(start, i);
      if (!/^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(number)) throw new MathSyntaxError(`"${number}" at ${start + 1} is not a number`);
      tokens.push({ kind: "number", text: number, at: start });
    } else if (/[A-Za-z_]/.test(c)) {
      while (i < text.length && /[A-Za-z0-9_]/.test(text[i])) i++;
      const word = text.slice(start, i);
      tokens.push({ kind: /^[a-z]/.test(word) ? "id" : "name", text: word, at: start });
    } else if (c === '"' || c === "'") {
      const close = text.indexOf(c, i + 1);
      if (close < 0) throw new MathSyntaxError(`the string that starts at ${start + 1} is not closed`);
      tokens.push({ kind: "string", text: text.slice(i + 1, close), at: start });
      i = close + 1;
    } else {
      const op = OPERATORS.find((o) => text.startsWith(o, i));
      if (!op) throw new MathSyntaxError(`"${c}" at ${start + 1} is not part of metric math`);
      tokens.push({ kind: "op", text: op, at: start });
      i += op.length;
    }
  }
  tokens.push({ kind: "end", text: "", at: text.length });
  return tokens;
}

/** Precedence-climbing parser with type inference; collects the metric ids the expression uses. */
class Parser {
  private position = 0;
  private depth = 0;
  public readonly ids = new Set<string>();

  constructor(private readonly tokens: readonly Token[]) {}

  public parse(): MathType {
    const type = this.binary(0);
    const next = this.peek();
    if (next.kind !== "end") throw new MathSyntaxError(`unexpected "${next.text}" at ${next.at + 1}`);
    return type;
  }

  private static readonly LEVELS: readonly (readonly string[])[] = [["OR", "||"], ["AND", "&&"], ["==", "!=", "<=", ">=", "<", ">"], ["+", "-"], ["*", "/"], ["^"]];

  private binary(level: number): MathType {
    if (level === Parser.LEVELS.length) return this.unary();
    let left = this.binary(level + 1);
    for (;;) {
      const next = this.peek();
      const isOperator = (next.kind === "op" || next.kind === "name") && Parser.LEVELS[level].includes(next.text);
      if (!isOperator) return left;
      this.position++;
      // ^ is right-associative: its right side is parsed at its own level.
      const right = next.text === "^" ? this.nested(() => this.binary(level)) : this.binary(level + 1);
      left = combine(left, right);
      if (next.text === "^") return left;
    }
  }

  private unary(): MathType {
    const next = this.peek();
    if (next.kind === "op" && next.text === "-") {
      this.position++;
      return this.nested(() => this.unary());
    }
    return this.primary();
  }

  private primary(): MathType {
    const token = this.take();
    switch (token.kind) {
      case "number":
        return "scalar";
      case "id":
        this.ids.add(token.text);
        return "series";
      case "string":
        throw new MathSyntaxError(`a string ("${token.text}") at ${token.at + 1} can only be a function's argument`);
      case "name":
        return this.call(token);
      case "op":
        if (token.text === "(") {
          const type = this.nested(() => this.binary(0));
          this.expect(")");
          return type;
        }
        if (token.text === "[") {
          const items = this.nested(() => this.list("]"));
          if (items.length === 0) throw new MathSyntaxError(`the list at ${token.at + 1} is empty`);
          return "series[]";
        }
        throw new MathSyntaxError(`unexpected "${token.text}" at ${token.at + 1}`);
      default:
        throw new MathSyntaxError("the expression ends too early");
    }
  }

  private call(name: Token): MathType {
    const spec = METRIC_MATH_FUNCTIONS[name.text];
    if (!spec) {
      const what = /^[A-Z][A-Z0-9_]*$/.test(name.text) ? "is not a metric math function" : "is neither a function (upper case) nor a metric id (lower-case first letter)";
      throw new MathSyntaxError(`${name.text} at ${name.at + 1} ${what}; functions: ${Object.keys(METRIC_MATH_FUNCTIONS).join(", ")}`);
    }
    if (name.text === "SEARCH") throw new MathSyntaxError(`SEARCH at ${name.at + 1} returns any number of time series; a scaling policy and an alarm need exactly one`);
    this.expect("(");
    const args = this.nested(() => this.list(")", spec.keywords));
    if (args.length < spec.min || args.length > spec.max) {
      const wanted = spec.min === spec.max ? `${spec.min}` : `${spec.min}-${spec.max}`;
      throw new MathSyntaxError(`${name.text} at ${name.at + 1} takes ${wanted} argument${spec.max === 1 ? "" : "s"}, not ${args.length}`);
    }
    return spec.returns(args);
  }

  /** Comma-separated items up to `close`; keyword positions take a keyword, strings stand for themselves. */
  private list(close: string, keywords?: FunctionSpec["keywords"]): (MathType | undefined)[] {
    const items: (MathType | undefined)[] = [];
    if (this.peek().kind === "op" && this.peek().text === close) {
      this.position++;
      return items;
    }
    for (;;) {
      const next = this.peek();
      const allowed = keywords?.[items.length];
      if (allowed && next.kind === "name" && allowed.includes(next.text) && !this.isCall()) {
        this.position++;
        items.push(undefined);
      } else if (next.kind === "string") {
        this.position++;
        items.push(undefined);
      } else {
        items.push(this.binary(0));
      }
      const separator = this.take();
      if (separator.kind === "op" && separator.text === close) return items;
      if (!(separator.kind === "op" && separator.text === ",")) {
        throw new MathSyntaxError(separator.kind === "end" ? `"${close}" is missing at the end` : `expected "," or "${close}" at ${separator.at + 1}, not "${separator.text}"`);
      }
    }
  }

  private isCall(): boolean {
    const after = this.tokens[this.position + 1];
    return after?.kind === "op" && after.text === "(";
  }

  private nested<T>(parse: () => T): T {
    if (++this.depth > MAX_NESTING) throw new MathSyntaxError(`nests more than ${MAX_NESTING} levels deep`);
    const result = parse();
    this.depth--;
    return result;
  }

  private peek(): Token {
    return this.tokens[this.position];
  }

  private take(): Token {
    const token = this.tokens[this.position];
    if (token.kind !== "end") this.position++;
    return token;
  }

  private expect(text: string): void {
    const token = this.take();
    if (!(token.kind === "op" && token.text === text)) {
      throw new MathSyntaxError(token.kind === "end" ? `"${text}" is missing at the end` : `expected "${text}" at ${token.at + 1}, not "${token.text}"`);
    }
  }
}

/** The type of a binary operation: an array if either side is one, a series if either is, else a number. */
function combine(left: MathType, right: MathType): MathType {
  if (left === "series[]" || right === "series[]") return "series[]";
  return left === "series" || right === "series" ? "series" : "scalar";
}

/** Parses a metric math expression: the metric ids it uses and what it returns, or what is wrong at which character. */
export function parseMetricMath(expression: string): ParsedMath {
  try {
    const parser = new Parser(tokenize(expression));
    const type = parser.parse();
    return { ok: true, ids: parser.ids, type };
  } catch (error) {
    if (error instanceof MathSyntaxError) return { ok: false, message: error.message };
    throw error;
  }
}
