import crypto from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { threadId, Worker } from "node:worker_threads";

// scripts/cache.js is plain JavaScript (scripts/register.js loads it before any TypeScript can load).
const { checked, openCache, pruneCache, temporaryFile, unchecked, MAX_AGE_MS } = require("../../scripts/cache.js") as {
  openCache(root: string, limits?: { maxBytes?: number; maxAgeMs?: number }): {
    read(kind: string, name: string): Buffer | undefined;
    write(kind: string, name: string, data: string | Buffer): boolean;
    prune(now?: number): string[];
  };
  pruneCache(root: string, keep: Set<string>, options?: { now?: number; maxBytes?: number; maxAgeMs?: number }): string[];
  temporaryFile(file: string): string;
  checked(text: string): string;
  unchecked(entry: Buffer | undefined): string | undefined;
  MAX_AGE_MS: number;
};

const scratch = () => mkdtempSync(join(tmpdir(), "ecs-ai-cache-"));
const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 0, 31);

/** Writes `kind/name` of `bytes` bytes, last modified `daysAgo` days before NOW. */
function entry(root: string, kind: string, name: string, bytes: number, daysAgo: number): string {
  const file = join(root, kind, name);
  mkdirSync(join(root, kind), { recursive: true });
  writeFileSync(file, Buffer.alloc(bytes));
  const time = new Date(NOW - daysAgo * DAY);
  utimesSync(file, time, time);
  return file;
}

const names = (root: string, kind: string) => readdirSync(join(root, kind)).sort();

describe("the register cache (scripts/cache.js)", () => {
  test("an entry written is read back; a missing one reads as undefined", () => {
    const cache = openCache(scratch());
    expect(cache.read("ts", "a.js")).toBeUndefined();
    expect(cache.write("ts", "a.js", "code")).toBe(true);
    expect(cache.read("ts", "a.js")?.toString()).toBe("code");
  });

  test("a write that fails returns false and leaves no temporary file", () => {
    const root = scratch();
    mkdirSync(join(root, "ts", "a.js"), { recursive: true }); // a directory where the entry would go
    const cache = openCache(root);
    expect(cache.write("ts", "a.js", "code")).toBe(false);
    expect(names(root, "ts")).toEqual(["a.js"]);
  });

  test("a cache root that cannot be created: writes return false, reads miss", () => {
    const blocker = join(scratch(), "a-file");
    writeFileSync(blocker, "");
    const cache = openCache(join(blocker, "cache"));
    expect(cache.write("v8", "x", "data")).toBe(false);
    expect(cache.read("v8", "x")).toBeUndefined();
    expect(cache.prune()).toEqual([]);
  });

  test("temporary files are named after the process and the thread, with random bytes: two names for an entry differ", async () => {
    const file = join(scratch(), "ts", "a.js");
    const escaped = file.replace(/[.]/g, "\\.");
    const onWorker = await new Promise<string>((resolve, reject) => {
      const worker = new Worker(
        `const { parentPort, workerData } = require("node:worker_threads");
         parentPort.postMessage(require(workerData.cache).temporaryFile(workerData.file));`,
        { eval: true, workerData: { cache: require.resolve("../../scripts/cache.js"), file } },
      );
      // Resolved once the thread has ended, so none is left running when the test ends.
      let name = "";
      worker.once("message", (message: string) => (name = message));
      worker.once("error", reject);
      worker.once("exit", () => resolve(name));
    });
    const here = [temporaryFile(file), temporaryFile(file)];
    expect(here[0]).toMatch(new RegExp(`^${escaped}\\.${process.pid}-${threadId}-[0-9a-f]{16}\\.tmp$`));
    expect(here[1]).toMatch(new RegExp(`^${escaped}\\.${process.pid}-${threadId}-[0-9a-f]{16}\\.tmp$`));
    expect(here[1]).not.toBe(here[0]);
    expect(onWorker).toMatch(new RegExp(`^${escaped}\\.${process.pid}-(?!${threadId}-)\\d+-[0-9a-f]{16}\\.tmp$`));
  });

  test("a write never writes into an existing temporary file of the same name: it fails and leaves that file alone", () => {
    const root = scratch();
    const file = join(root, "ts", "a.js");
    const fixed = Buffer.alloc(8, 0xab);
    const randomBytes = jest.spyOn(crypto, "randomBytes").mockImplementation(() => fixed);
    try {
      const taken = temporaryFile(file);
      mkdirSync(join(root, "ts"));
      writeFileSync(taken, "another writer's");
      const cache = openCache(root);
      expect(cache.write("ts", "a.js", "code")).toBe(false);
      expect(readFileSync(taken, "utf8")).toBe("another writer's");
      expect(names(root, "ts")).toEqual([taken.slice(join(root, "ts").length + 1)]);
    } finally {
      randomBytes.mockRestore();
    }
  });

  test("a checked entry reads back as written, multi-byte characters included", () => {
    const cache = openCache(scratch());
    const text = "const s = \"é ✓ 😀\";\n//# sourceMappingURL=data:application/json;base64,e30=";
    cache.write("ts", "a.js", checked(text));
    expect(unchecked(cache.read("ts", "a.js"))).toBe(text);
  });

  test("a checked entry that is missing, empty, truncated, unframed or altered reads as undefined", () => {
    const text = "module.exports = 1;\n//# sourceMappingURL=data:application/json;base64,e30=";
    const entry = Buffer.from(checked(text));
    expect(unchecked(undefined)).toBeUndefined();
    expect(unchecked(Buffer.alloc(0))).toBeUndefined();
    for (let length = 1; length < entry.length; length++) expect(unchecked(entry.subarray(0, length))).toBeUndefined();
    expect(unchecked(Buffer.from(text))).toBeUndefined();
    expect(unchecked(Buffer.from(checked(text).replace("= 1", "= 2")))).toBeUndefined();
    expect(unchecked(entry)).toBe(text);
  });

  test("a run that only read the cache does not prune it", () => {
    const root = scratch();
    entry(root, "v8", "old", 10, 400);
    const cache = openCache(root, { maxBytes: 1 });
    cache.read("v8", "other");
    expect(cache.prune(NOW)).toEqual([]);
    expect(names(root, "v8")).toEqual(["old"]);
  });

  test(`entries not used by the run are removed after ${MAX_AGE_MS / DAY} days; used ones stay however old`, () => {
    const root = scratch();
    entry(root, "ts", "stale.js", 10, 31);
    entry(root, "ts", "recent.js", 10, 29);
    entry(root, "v8", "used-stale", 10, 90);
    const cache = openCache(root);
    cache.read("v8", "used-stale");
    cache.write("ts", "new.js", "code");
    expect(cache.prune(NOW).map((f) => f.slice(root.length))).toEqual(["/ts/stale.js"]);
    expect(names(root, "ts")).toEqual(["new.js", "recent.js"]);
    expect(names(root, "v8")).toEqual(["used-stale"]);
  });

  test("over the size limit, the oldest unused entries go first until the cache fits", () => {
    const root = scratch();
    entry(root, "v8", "a", 400, 5);
    entry(root, "v8", "b", 400, 4);
    entry(root, "v8", "c", 400, 3);
    const used = entry(root, "v8", "d", 400, 10);
    expect(pruneCache(root, new Set([used]), { now: NOW, maxBytes: 1000 }).map((f) => f.slice(root.length))).toEqual(["/v8/a", "/v8/b"]);
    expect(names(root, "v8")).toEqual(["c", "d"]);
  });

  test("temporary files left by a process that died are removed after an hour", () => {
    const root = scratch();
    const dead = entry(root, "ts", "a.js.123-0-0123456789abcdef.tmp", 10, 0);
    const hourAgo = new Date(NOW - 2 * 60 * 60 * 1000);
    utimesSync(dead, hourAgo, hourAgo);
    entry(root, "ts", "b.js.124-0-fedcba9876543210.tmp", 10, 0); // being written right now
    expect(pruneCache(root, new Set(), { now: NOW }).map((f) => f.slice(root.length))).toEqual(["/ts/a.js.123-0-0123456789abcdef.tmp"]);
    expect(names(root, "ts")).toEqual(["b.js.124-0-fedcba9876543210.tmp"]);
  });
});
