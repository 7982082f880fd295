import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { firstInvalidUtf8, listConfigFiles, readConfigFile } from "../../lib/config/config-files";
import { loadEnvironmentDirectory, loadEnvironmentFile } from "../../lib/config/load";
import { ConfigError, formatProblem } from "../../lib/config/problems";
import { decimalIsWhole, MAX_TEXT_NESTING, nestingBound } from "../../lib/config/yaml-document";
import { baseInput, problemsOf } from "../helpers";

/** Files and directories a synth may be pointed at that are not what a config file should be. */

const scratch = mkdtempSync(join(tmpdir(), "ecs-ai-hostile-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let counter = 0;
function directoryWith(files: Record<string, string>): string {
  const dir = join(scratch, `dir-${counter++}`);
  mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function messagesOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map(formatProblem);
    throw error;
  }
  throw new Error("expected a ConfigError");
}

const VALID = stringify(baseInput());
const RULE = "config files must be regular files of at most 1 MiB (1048576 bytes)";

describe("config files that are not regular files are refused without being read", () => {
  test("a FIFO nobody writes to", () => {
    const dir = directoryWith({});
    const fifo = join(dir, "dev.yaml");
    execFileSync("mkfifo", [fifo]);
    expect(messagesOf(() => loadEnvironmentFile(fifo))).toEqual([`${fifo}: (file): is a FIFO (named pipe), not a regular file; ${RULE}`]);
  });

  test("a symlink to an endless device", () => {
    const dir = directoryWith({});
    const link = join(dir, "dev.yaml");
    symlinkSync("/dev/zero", link);
    expect(messagesOf(() => loadEnvironmentFile(link))).toEqual([`${link}: (file): is a character device, not a regular file; ${RULE}`]);
  });

  test("a directory named like an environment file", () => {
    const dir = directoryWith({ "a.yaml": VALID });
    mkdirSync(join(dir, "b.yaml"));
    expect(messagesOf(() => loadEnvironmentDirectory(dir))).toEqual([`${join(dir, "b.yaml")}: (file): is a directory, not a regular file; ${RULE}`]);
  });

  test("a symlink to a regular file is read", () => {
    const dir = directoryWith({ "real.txt": VALID });
    symlinkSync(join(dir, "real.txt"), join(dir, "dev.yaml"));
    expect(loadEnvironmentDirectory(dir).map((c) => c.environment)).toEqual(["dev"]);
  });

  test("bytes that are not UTF-8 are named with their line", () => {
    const dir = directoryWith({});
    const file = join(dir, "dev.yaml");
    writeFileSync(file, Buffer.concat([Buffer.from("project: acme\nregion: "), Buffer.from([0xff, 0xfe]), Buffer.from("\n")]));
    expect(readConfigFile(file)).toEqual({
      problem: { file, line: 2, path: "", message: "is not UTF-8 text: byte 22 (0xff) on line 2 starts no valid UTF-8 character; save the file as UTF-8" },
    });
  });

  test("the UTF-8 check accepts every well-formed sequence and refuses overlong forms and surrogates", () => {
    expect(firstInvalidUtf8(Buffer.from("aé€𝄞", "utf8"))).toBeUndefined();
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xc0, 0xaf]))).toBe(1); // overlong "/"
    expect(firstInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0); // U+D800
    expect(firstInvalidUtf8(Buffer.from([0xf4, 0x90, 0x80, 0x80]))).toBe(0); // above U+10FFFF
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xe2, 0x82]))).toBe(1); // cut short
  });
});

describe("the config directory", () => {
  test("a missing directory is one line, not a stack trace", () => {
    const dir = join(scratch, "does-not-exist");
    expect(messagesOf(() => loadEnvironmentDirectory(dir))).toEqual([
      `${dir}: (file): the config directory does not exist; create it with one <environment>.yaml per environment, or point ECS_AI_CONFIG_DIR at yours`,
    ]);
  });

  test("a file instead of a directory is one line", () => {
    const dir = directoryWith({ "notes.txt": "x" });
    const file = join(dir, "notes.txt");
    expect(messagesOf(() => loadEnvironmentDirectory(file))).toEqual([
      `${file}: (file): is a regular file, not a directory; the config directory holds one <environment>.yaml per environment`,
    ]);
  });

  test("dev.yaml beside dev.yml is one line naming both files", () => {
    const dir = directoryWith({ "dev.yaml": VALID, "dev.yml": VALID, "prod.yaml": VALID });
    expect(messagesOf(() => loadEnvironmentDirectory(dir))).toEqual([
      `${join(dir, "dev.yml")}: (file): gives the environment and stack name "dev" as ${join(dir, "dev.yaml")} does; one environment has one file: merge them, or remove or rename one`,
    ]);
  });

  test("only the listing is read when it has problems", () => {
    const dir = directoryWith({ "dev.yaml": "project: [\n", "dev.yml": VALID });
    expect(listConfigFiles(dir)).toEqual({ problems: [expect.objectContaining({ file: join(dir, "dev.yml") })] });
  });

  test("an environment named state would be the state bootstrap stack", () => {
    const dir = directoryWith({ "state.yaml": VALID });
    expect(messagesOf(() => loadEnvironmentDirectory(dir))).toEqual([
      `${join(dir, "state.yaml")}: (file): "state" is the name of the state bootstrap stack; name the environment file differently`,
    ]);
  });
});

describe("YAML that would crash, hang or be read as something else", () => {
  test("a NUL byte in a comment is refused with its line", () => {
    expect(problemsOf(`${VALID}# note\u0000 hidden\n`)).toEqual([
      `config/test.yaml:${VALID.split("\n").length}: (file): contains a NUL character (U+0000); YAML allows only printable characters, in comments too (write escapes such as "\\t" inside double quotes)`,
    ]);
  });

  test("other control characters are named by code point", () => {
    expect(problemsOf("project: acme\u001b[31m\n")).toEqual([expect.stringContaining("config/test.yaml:1: (file): contains the control character U+001B;")]);
  });

  test("a %YAML 1.1 directive is refused, so a << merge key cannot slip in through it", () => {
    const text = `%YAML 1.1\n---\ndefaults: &d {port: 8080}\n${VALID.replace("    image:", "    <<: *d\n    image:")}`;
    expect(problemsOf(text)).toEqual([
      "config/test.yaml:1: (file): declares %YAML 1.1; config files are YAML 1.2 (1.1 reads yes/no as booleans, 010 as 8 and merges << keys): remove the directive",
    ]);
  });

  test("a %YAML 1.2 directive is fine", () => {
    expect(problemsOf(`%YAML 1.2\n---\n${VALID}`)).toEqual([]);
  });

  test.each([
    ["!!js/function 'function () {}'", "!!js/function"],
    ["!custom ghcr.io/acme/llm:1", "!custom"],
    ["!!binary aGVsbG8=", "!!binary"],
    ["!!timestamp 2001-12-14", "!!timestamp"],
  ])("the tag of %s is refused", (value, tag) => {
    const text = VALID.replace(/image: .*/, `image: ${value}`);
    const line = text.split("\n").findIndex((l) => l.includes("image:")) + 1;
    expect(problemsOf(text)).toEqual([
      `config/test.yaml:${line}: services.chat.image: the tag ${tag} is not allowed; config values are plain YAML (only the core schema's tags: !!str, !!int, !!float, !!bool, !!null, !!map, !!seq)`,
    ]);
  });

  test("a tag on a collection (!!set) is refused", () => {
    expect(problemsOf(`${VALID}tags: !!set {a, b}\n`)).toEqual([expect.stringMatching(/^config\/test\.yaml:\d+: tags: the tag !!set is not allowed;/)]);
  });

  test("core schema tags are fine", () => {
    expect(problemsOf(VALID.replace("project: acme", "project: !!str acme"))).toEqual([]);
  });

  test("a __proto__ key under services is refused", () => {
    const text = VALID.replace("services:\n", "services:\n  __proto__:\n    kind: web\n");
    expect(problemsOf(text)).toEqual([
      expect.stringMatching(/^config\/test\.yaml:\d+: services\.__proto__: is not allowed as a key: __proto__ is not a name, and JavaScript drops it from the data$/),
    ]);
  });

  test("a mapping used as a key is refused", () => {
    expect(problemsOf(`${VALID}? [a, b]\n: c\n`)).toEqual([expect.stringMatching(/: \(file\): has a key that is a list; keys must be plain names$/)]);
  });

  test("memory: 2048.0000000000001 is not a whole number, though it parses as 2048", () => {
    const text = VALID.replace("memory: 2048", "memory: 2048.0000000000001");
    const line = text.split("\n").findIndex((l) => l.includes("memory:")) + 1;
    expect(problemsOf(text)).toEqual([
      `config/test.yaml:${line}: services.chat.memory = 2048.0000000000001: is not a whole number, though it reads as 2048 (a 64-bit number keeps about 16 digits); write the number you mean`,
    ]);
  });

  test("numbers beyond a 64-bit float and .inf are refused", () => {
    expect(problemsOf(VALID.replace("cpu: 1024", "cpu: 1e400"))).toEqual([
      expect.stringMatching(/services\.chat\.cpu = 1e400: is too large for a 64-bit number \(at most about 1\.8e308\); numbers must be finite$/),
    ]);
    expect(problemsOf(VALID.replace("cpu: 1024", "cpu: .inf"))).toEqual([expect.stringMatching(/services\.chat\.cpu = \.inf: is not a finite number; numbers must be finite$/)]);
  });

  test("whole decimals in other spellings are fine", () => {
    expect(decimalIsWhole("2048.0")).toBe(true);
    expect(decimalIsWhole("2.048e3")).toBe(true);
    expect(decimalIsWhole("0x800")).toBe(true);
    expect(decimalIsWhole("2048.0000000000001")).toBe(false);
    expect(decimalIsWhole("1e-400")).toBe(false);
    expect(problemsOf(VALID.replace("memory: 2048", "memory: 2.048e3"))).toEqual([]);
  });

  test("a second document is refused", () => {
    expect(problemsOf(`${VALID}---\nproject: other\n`)).toEqual([
      expect.stringMatching(/: \(file\): holds more than one YAML document \(a second ---\); an environment file is one document$/),
    ]);
  });

  test("nesting deep enough to exhaust the YAML library's stack is refused before parsing", () => {
    const text = `${VALID}deep: ${"[".repeat(100000)}${"]".repeat(100000)}\n`;
    const line = VALID.split("\n").length;
    expect(problemsOf(text)).toEqual([
      `config/test.yaml:${line}: (file): nests too deeply: indentation, "- " and "[{" here add up to 100004 levels; config files may reach at most ${MAX_TEXT_NESTING}`,
    ]);
  });

  test("the nesting bound never underestimates what the parser nests", () => {
    // Block mappings, block lists under keys at the same column, compact lists and flow collections.
    const shapes = [
      Array.from({ length: 30 }, (_, i) => `${" ".repeat(i)}a${i}:`).join("\n"),
      Array.from({ length: 30 }, (_, i) => `${" ".repeat(2 * i)}k${i}:\n${" ".repeat(2 * i)}- `).join("\n"),
      `a:\n${"- ".repeat(40)}x`,
      `a:\n  b: ${"{c: [".repeat(20)}1${"]}".repeat(20)}`,
      `a: [\n${Array.from({ length: 20 }, () => "  [").join("\n")}\n  ${"]".repeat(21)}`,
    ];
    for (const text of shapes) {
      const depth = dataDepth(require("yaml").parse(text));
      expect(nestingBound(text).depth).toBeGreaterThanOrEqual(depth);
    }
  });

  test("aliases that build a deep structure are refused before it is built", () => {
    const lines = [`a0: &a0 ${"[".repeat(30)}x${"]".repeat(30)}`];
    for (let i = 1; i < 6; i++) lines.push(`a${i}: &a${i} ${"[".repeat(30)}*a${i - 1}${"]".repeat(30)}`);
    expect(problemsOf(lines.join("\n"))).toEqual([expect.stringMatching(/^config\/test\.yaml:1: \(file\): nests \d+ levels deep once its aliases are resolved; config data may nest at most 100 levels$/)]);
  });

  test("an alias inside the node it names is refused", () => {
    expect(problemsOf("project: &p [a, *p]\n")).toEqual([
      "config/test.yaml:1: project[1]: the alias *p refers to a node that contains it; the data would be infinitely deep",
    ]);
  });

  test("a file full of errors reports 50 of them and a count", () => {
    const problems = problemsOf(Array.from({ length: 200 }, (_, i) => `k${i}: \u0000`).join("\n"));
    expect(problems).toHaveLength(51);
    expect(problems[50]).toBe("config/test.yaml: (file): 150 more problems not shown; fix these first");
  });
});

describe("problem lines", () => {
  test("a key with a newline or spaces is quoted, and the line stays one line", () => {
    const lines = problemsOf(VALID.replace("project: acme", 'project: acme\n"bad\\nkey": 1\ncost center: x'));
    expect(lines).toEqual([
      expect.stringMatching(/^config\/test\.yaml:2: \["bad\\nkey"\] = 1: unknown field;/),
      expect.stringMatching(/^config\/test\.yaml:3: \["cost center"\] = "x": unknown field;/),
    ]);
    for (const line of lines) expect(line).not.toContain("\n");
  });
});

function dataDepth(value: unknown): number {
  if (value === null || typeof value !== "object") return 1;
  const children = Object.values(value as object);
  return 1 + (children.length === 0 ? 0 : Math.max(...children.map(dataDepth)));
}
