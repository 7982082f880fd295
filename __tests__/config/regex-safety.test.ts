import fc from "fast-check";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import * as ts from "typescript";
import { stringify } from "yaml";
import { isIamResource, ssmParameterNameProblem } from "../../lib/aws/arns";
import { cidrKey, DYNAMODB_TABLE, ENV_VAR_NAME, HTTP_PATH, isHostName, isHttpMatcher, isImageReference, isPathPrefix, RESOURCE_NAME, S3_BUCKET } from "../../lib/aws/formats";
import { parseMetricMath } from "../../lib/aws/metric-math";
import { CLOUDWATCH_NAMESPACE, EMAIL_ADDRESS, PROMETHEUS_METRIC_NAME, SNS_TOPIC_ARN } from "../../lib/aws/observability";
import { s3BucketNameProblem } from "../../lib/aws/s3";
import { parseScheduleExpression } from "../../lib/aws/schedule-expression";
import { TAG_CHARACTERS } from "../../lib/aws/tags";
import { checkEnvironmentText } from "../../lib/config/load";
import { formatProblem } from "../../lib/config/problems";
import { nestingBound } from "../../lib/config/yaml-document";
import { baseInput, withWorker } from "../helpers";

/**
 * Regular expressions that see config text never backtrack badly. Two checks, neither timed:
 * every pattern in the code that reads configs repeats no group that holds a quantifier or an
 * alternation (the shape of catastrophic backtracking, such as the old `^\/([A-Za-z0-9._~-]+\/?)*$`
 * that took 25 s for "/" and 32 letters and "!"), and every format check returns for long
 * random strings within the test's default timeout.
 */

const SOURCES = ["lib/aws", "lib/config", "lib/scaling/policies", "lib/capacity/kinds"];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith(".ts") ? [path] : [];
  });
}

/** Every regular expression literal of a TypeScript file, with its line. */
function regexLiterals(file: string): { source: string; line: number }[] {
  const sourceFile = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
  const found: { source: string; line: number }[] = [];
  const visit = (node: ts.Node) => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const text = node.getText(sourceFile);
      found.push({ source: text.slice(1, text.lastIndexOf("/")), line: sourceFile.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
    }
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "RegExp") {
      found.push({ source: "(new RegExp: build patterns from literals so this test can read them)", line: sourceFile.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

/**
 * Why a pattern could backtrack catastrophically: a group repeated by *, + or {n,m} (m > 1) that
 * holds a quantifier or an alternation. Undefined when it cannot.
 */
export function nestedQuantifier(source: string): string | undefined {
  if (source.startsWith("(new RegExp")) return source;
  const groups: { quantified: boolean; alternation: boolean; start: number }[] = [{ quantified: false, alternation: false, start: 0 }];
  let i = 0;
  const quantifierAt = (k: number): { repeats: boolean; length: number } | undefined => {
    const c = source[k];
    if (c === "*" || c === "+") return { repeats: true, length: source[k + 1] === "?" ? 2 : 1 };
    if (c === "?") return { repeats: false, length: 1 };
    if (c === "{") {
      const close = source.indexOf("}", k);
      const body = close < 0 ? "" : source.slice(k + 1, close);
      const match = /^(\d+)(,(\d*))?$/.exec(body);
      if (!match) return undefined;
      const max = match[2] === undefined ? Number(match[1]) : match[3] === "" ? Infinity : Number(match[3]);
      return { repeats: max > 1, length: close - k + 1 };
    }
    return undefined;
  };
  while (i < source.length) {
    const c = source[i];
    let atomEnd = i + 1;
    if (c === "\\") atomEnd = i + 2;
    else if (c === "[") {
      let k = i + 1;
      if (source[k] === "^") k++;
      if (source[k] === "]") k++;
      while (k < source.length && source[k] !== "]") k += source[k] === "\\" ? 2 : 1;
      atomEnd = k + 1;
    } else if (c === "(") {
      groups.push({ quantified: false, alternation: false, start: i });
      i++;
      if (source[i] === "?") i += source[i + 1] === "<" && source[i + 2] !== "=" && source[i + 2] !== "!" ? source.indexOf(">", i) - i + 1 : source[i + 1] === "<" ? 3 : 2;
      continue;
    } else if (c === "|") {
      groups[groups.length - 1].alternation = true;
      i++;
      continue;
    } else if (c === ")") {
      const group = groups.pop()!;
      const quantifier = quantifierAt(i + 1);
      const parent = groups[groups.length - 1];
      if (quantifier?.repeats && (group.quantified || group.alternation)) {
        return `the group at ${group.start} is repeated and holds ${group.quantified ? "a quantifier" : "an alternation"}`;
      }
      parent.quantified ||= group.quantified || quantifier !== undefined;
      i += 1 + (quantifier?.length ?? 0);
      continue;
    }
    const quantifier = quantifierAt(atomEnd);
    if (quantifier) groups[groups.length - 1].quantified = true;
    i = atomEnd + (quantifier?.length ?? 0);
  }
  return undefined;
}

describe("no pattern that reads config text repeats a quantified group", () => {
  test("the check finds the patterns that backtrack catastrophically", () => {
    expect(nestedQuantifier("^\\/([A-Za-z0-9._~-]+\\/?)*$")).toBe("the group at 3 is repeated and holds a quantifier");
    expect(nestedQuantifier("^(a|aa)+$")).toBe("the group at 1 is repeated and holds an alternation");
    expect(nestedQuantifier("^(?:(?:[a-z]+\\.)*[a-z]+)$")).toBe("the group at 4 is repeated and holds a quantifier");
    expect(nestedQuantifier("^(\\d{1,3})+$")).toBe("the group at 1 is repeated and holds a quantifier");
    expect(nestedQuantifier("^arn:(:[^:]*:[^:]*)?$")).toBeUndefined();
    expect(nestedQuantifier("^[a-z][a-z0-9-]*[a-z0-9]$|^[a-z]$")).toBeUndefined();
    expect(nestedQuantifier("^[(+*]{2}(x)$")).toBeUndefined();
  });

  test.each(SOURCES.flatMap(sourceFiles))("%s", (file) => {
    const unsafe = regexLiterals(file)
      .map(({ source, line }) => ({ line, source, why: nestedQuantifier(source) }))
      .filter((r) => r.why !== undefined);
    expect(unsafe).toEqual([]);
  });
});

/** Strings of up to 20000 characters from an alphabet a check nearly accepts, to walk its longest paths. */
const longFrom = (alphabet: string) => fc.string({ unit: fc.constantFrom(...alphabet), minLength: 1000, maxLength: 20000 });
const tail = fc.constantFrom("", "!", "/", ".", "-", ":", "\u0000", " ", "%");

const CHECKS: Record<string, { alphabet: string; check: (text: string) => unknown }> = {
  "path prefix": { alphabet: "/a-._~", check: isPathPrefix },
  "host name": { alphabet: "a0-.*", check: isHostName },
  "image reference": { alphabet: "a0._-/:@", check: isImageReference },
  "health check matcher": { alphabet: "24,-09", check: isHttpMatcher },
  "health check path": { alphabet: "/a%:@", check: (t) => HTTP_PATH.test(t) },
  "resource name": { alphabet: "a0-", check: (t) => RESOURCE_NAME.test(t) },
  "S3 bucket": { alphabet: "a0.-", check: (t) => S3_BUCKET.test(t) && s3BucketNameProblem(t) },
  "DynamoDB table": { alphabet: "aA0_.-", check: (t) => DYNAMODB_TABLE.test(t) },
  "environment variable name": { alphabet: "aZ_0", check: (t) => ENV_VAR_NAME.test(t) },
  "CIDR block": { alphabet: "0123456789abcdef:./%", check: cidrKey },
  "IAM resource": { alphabet: "arn:aws*?/-", check: isIamResource },
  "SSM parameter": { alphabet: "arn:aws:ssm:parameter/x", check: ssmParameterNameProblem },
  "tag text": { alphabet: "aΩ0 _.:/=+-@", check: (t) => TAG_CHARACTERS.test(t) },
  "schedule expression": { alphabet: "cron(0 * ? /,-LW#", check: parseScheduleExpression },
  "metric math": { alphabet: "m1 +-*/^()[],AVG\"", check: parseMetricMath },
  "YAML nesting bound": { alphabet: "[{ -:\n]}", check: nestingBound },
  "CloudWatch namespace": { alphabet: "aA0._/#: -", check: (t) => CLOUDWATCH_NAMESPACE.test(t) },
  "Prometheus metric name": { alphabet: "a_:0", check: (t) => PROMETHEUS_METRIC_NAME.test(t) },
  "SNS topic ARN": { alphabet: "arn:aws-s1_0", check: (t) => SNS_TOPIC_ARN.test(t) },
  "email address": { alphabet: "a0.%+-@", check: (t) => EMAIL_ADDRESS.test(t) },
};

describe("format checks return for long adversarial strings", () => {
  test.each(Object.entries(CHECKS))("%s", (_, { alphabet, check }) => {
    fc.assert(
      fc.property(longFrom(alphabet), tail, (text, end) => {
        check(text + end);
      }),
      { numRuns: 40, seed: 16 },
    );
    // Jest's own 5 s, not the suite's 30 s: a backtracking check takes seconds to minutes on these strings.
  }, 5_000);
});

describe("the whole config check returns for long values in every field", () => {
  /** Every string leaf of an input, and every key of its maps, replaced one at a time. */
  function stringPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
    if (typeof value === "string") return [path];
    if (Array.isArray(value)) return value.flatMap((v, i) => stringPaths(v, [...path, i]));
    if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => stringPaths(v, [...path, k]));
    return [];
  }
  const input = withWorker({
    environment: { MODEL: "x" },
    secrets: { TOKEN: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:token" },
    taskPolicy: [{ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::bucket/*"] }],
  });
  (input.services as Record<string, unknown>).chat = {
    ...((baseInput().services as Record<string, unknown>).chat as object),
    routing: { pathPrefix: "/chat", host: "chat.example.com" },
    healthCheck: { path: "/health", matcher: "200-299" },
  };
  const paths = stringPaths(input);

  test("every string field gets a long near-valid value: one-line problems or a config, never a hang", () => {
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.string({ unit: fc.constantFrom(..."a/.-_:0"), minLength: 200, maxLength: 4000 }), tail, (path, text, end) => {
        const copy = structuredClone(input) as Record<string, any>;
        let node = copy;
        for (const segment of path.slice(0, -1)) node = node[segment];
        node[path[path.length - 1]] = text + end;
        const result = checkEnvironmentText(stringify(copy, { lineWidth: 0 }), "config/long.yaml");
        if ("problems" in result) for (const line of result.problems.map(formatProblem)) expect(line).toMatch(/^config\/long\.yaml[^\n]*$/);
      }),
      { numRuns: 40, seed: 1616 },
    );
    // 40 whole config checks take about a second; a backtracking check takes far longer.
  }, 10_000);
});
