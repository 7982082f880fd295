import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { validateInBackground } from "../../lib/config/background";
import { ConfigError } from "../../lib/config/problems";

const scratch = () => mkdtempSync(join(tmpdir(), "ecs-ai-config-"));
const worker = (name: string) => join(__dirname, "workers", `${name}.ts`);

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

  test("an unexpected failure of the validator rejects with its message", async () => {
    await expect(validateInBackground(join(scratch(), "missing"))).rejects.toThrow(/^config validation failed: Error: ENOENT: no such file or directory/);
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
});
