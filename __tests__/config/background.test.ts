import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { MALFORMED_REPLY, validateInBackground } from "../../lib/config/background";
import { ConfigError } from "../../lib/config/problems";

const scratch = () => mkdtempSync(join(tmpdir(), "ecs-ai-config-"));
const worker = (name: string) => join(__dirname, "workers", `${name}.ts`);

/**
 * Worker.prototype.terminate, watched in every test: validateInBackground stops the thread once
 * it has replied without waiting for it, so each test waits for the threads it stopped to end (a
 * thread still stopping when the file ends keeps jest's worker process from exiting gracefully).
 */
let terminate: jest.SpiedFunction<Worker["terminate"]>;
beforeEach(() => {
  terminate = jest.spyOn(Worker.prototype, "terminate");
});
afterEach(async () => {
  await Promise.all(terminate.mock.results.map((result) => result.value));
  terminate.mockRestore();
});

describe("validation on a worker thread", () => {
  test("resolves to the configs of every file, in file order", async () => {
    const configs = await validateInBackground("config");
    expect(configs.map((c) => c.environment)).toEqual(["dev", "prod", "staging"]);
  });

  test("rejects with the ConfigError and the problems of a wrong file", async () => {
    const dir = scratch();
    writeFileSync(join(dir, "dev.yaml"), "project: genai\nregion: [\n");
    const error = await validateInBackground(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(/dev\.yaml:\d+: \(file\): YAML syntax error: /);
  });

  test("a missing config directory rejects with one config problem, not a failure", async () => {
    const dir = join(scratch(), "missing");
    const error = await validateInBackground(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      { file: dir, path: "", message: "the config directory does not exist; create it with one <environment>.yaml per environment, or point ECS_AI_CONFIG_DIR at yours" },
    ]);
  });

  test("an unexpected failure of the validator rejects with its message", async () => {
    await expect(validateInBackground("config", { workerFile: worker("validator-fails") })).rejects.toThrow(
      /^config validation failed: Error: the validator failed unexpectedly/,
    );
  });

  test("a worker that stops without a reply rejects, naming its exit code", async () => {
    await expect(validateInBackground("config", { workerFile: worker("exits-without-reply") })).rejects.toThrow(
      "config validation failed: the validation worker exited (code 0) without a result",
    );
  });

  test("a worker that throws rejects with the worker's error", async () => {
    await expect(validateInBackground("config", { workerFile: worker("throws-on-start") })).rejects.toThrow(
      /^config validation failed: the validation worker stopped with Error: the validator could not start/,
    );
  });

  describe("a reply of another shape than the worker's rejects as malformed, and the worker is stopped", () => {
    /** Validates with a fake worker that replies `reply` and would run on until terminated; returns the outcome and how often terminate was called. */
    async function replyWith(reply: unknown) {
      const outcome = await validateInBackground(JSON.stringify(reply), { workerFile: worker("replies-with") }).then(
        (configs) => ({ configs }),
        (error: unknown) => ({ error }),
      );
      return { outcome, terminated: terminate.mock.calls.length };
    }

    test.each([
      ["null", null],
      ["a number", 5],
      ["an array", [{ environment: "dev" }]],
      ["an empty object", {}],
      ["configs that are no array", { configs: 5 }],
      ["configs with a non-object", { configs: [{ environment: "dev" }, null] }],
      ["problems that are no array", { problems: "dev.yaml: wrong" }],
      ["a problem without a message", { problems: [{ file: "dev.yaml", path: "cpu" }] }],
      ["a failure that is no string", { failure: { message: "x" } }],
    ])("%s", async (_, reply) => {
      const { outcome, terminated } = await replyWith(reply);
      expect(outcome).toEqual({ error: new Error(MALFORMED_REPLY) });
      expect(MALFORMED_REPLY).toBe('config validation failed: the validation worker sent a malformed reply; expected { configs: [...] }, { problems: [...] } or { failure: "..." }');
      expect(terminated).toBe(1);
    });

    test("a well-formed reply still resolves, and the worker is stopped too", async () => {
      const { outcome, terminated } = await replyWith({ configs: [{ environment: "dev" }] });
      expect(outcome).toEqual({ configs: [{ environment: "dev" }] });
      expect(terminated).toBe(1);
    });

    test("well-formed problems still reject with the ConfigError", async () => {
      const { outcome, terminated } = await replyWith({ problems: [{ file: "dev.yaml", line: 3, path: "cpu", value: 3000, message: "is not a Fargate CPU size" }] });
      expect((outcome as { error: ConfigError }).error).toBeInstanceOf(ConfigError);
      expect((outcome as { error: ConfigError }).error.message).toBe("dev.yaml:3: cpu = 3000: is not a Fargate CPU size");
      expect(terminated).toBe(1);
    });
  });
});
