// Runs the TypeScript sources directly: each .ts file is transpiled with swc when first
// required (no type-checking; `tsc` does that in `npm test`). Transpiled code is cached
// under node_modules/.cache keyed by the file's content, so an unchanged file is never
// transpiled twice and swc is not even loaded when every file is cached. Dynamic `import()`
// stays native (ignoreDynamic), so ES-module-only packages (the preview's chart) load lazily.
"use strict";
const Module = require("node:module");
const { createHash } = require("node:crypto");
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require("node:fs");
const { join } = require("node:path");

const CACHE_DIR = join(__dirname, "..", "node_modules", ".cache", "ecs-ai-autoscaling-ts");
const OPTIONS = {
  jsc: { parser: { syntax: "typescript" }, target: "es2022" },
  module: { type: "commonjs", ignoreDynamic: true },
  sourceMaps: "inline",
  swcrc: false,
  configFile: false,
};
// Part of the cache key: a change of swc version or options invalidates every entry.
const SALT = JSON.stringify(OPTIONS) + require("@swc/core/package.json").version;

let swc;
function transpile(source, filename) {
  swc = swc ?? require("@swc/core");
  return swc.transformSync(source, { ...OPTIONS, filename }).code;
}

Module._extensions[".ts"] = function compileTypeScript(module, filename) {
  const source = readFileSync(filename, "utf8");
  const key = createHash("sha1").update(SALT).update(filename).update(source).digest("hex");
  const cached = join(CACHE_DIR, `${key}.js`);
  let code;
  try {
    code = readFileSync(cached, "utf8");
  } catch {
    code = transpile(source, filename);
    try {
      mkdirSync(CACHE_DIR, { recursive: true });
      const temporary = `${cached}.${process.pid}.tmp`;
      writeFileSync(temporary, code);
      renameSync(temporary, cached);
    } catch {
      // A read-only checkout still runs; it just transpiles every time.
    }
  }
  module._compile(code, filename);
};
