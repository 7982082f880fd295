// Loads the app fast without a build step.
//
// 1. TypeScript: each .ts file is transpiled with swc when first required (no
//    type-checking; `tsc` does that in `npm test`). The output is cached under
//    node_modules/.cache keyed by the file's content, so an unchanged file is never
//    transpiled twice and swc is not even loaded when every file is cached. Dynamic
//    `import()` stays native (ignoreDynamic), so ES-module-only packages (the preview's
//    chart) load lazily.
// 2. Large dependency files (the AWS provider's resource modules are 100-300 KB each):
//    V8's compiled code is cached after the run (so it includes the functions the run
//    compiled lazily) and handed back to V8 next time, which then skips parsing and
//    compiling them. V8 rejects a cache from another Node version or flags; the file is
//    then compiled as usual and the cache rewritten.
"use strict";
const Module = require("node:module");
const vm = require("node:vm");
const { createHash } = require("node:crypto");
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require("node:fs");
const { dirname, join } = require("node:path");

const CACHE_ROOT = join(__dirname, "..", "node_modules", ".cache", "ecs-ai-autoscaling");
const TS_CACHE = join(CACHE_ROOT, "ts");
const CODE_CACHE = join(CACHE_ROOT, "v8");
/** Dependency files at least this large get a code cache; for smaller ones a cache file costs more than it saves. */
const CODE_CACHE_MIN_BYTES = 4 * 1024;

const TS_OPTIONS = {
  jsc: { parser: { syntax: "typescript" }, target: "es2022" },
  module: { type: "commonjs", ignoreDynamic: true },
  sourceMaps: "inline",
  swcrc: false,
  configFile: false,
};
// Part of the cache key: a change of swc version or options invalidates every entry.
const TS_SALT = JSON.stringify(TS_OPTIONS) + require("@swc/core/package.json").version;

function hash(...parts) {
  const h = createHash("sha1");
  for (const part of parts) h.update(part);
  return h.digest("hex");
}

/** Writes a cache entry atomically; a read-only checkout still runs, just without caching. */
function writeCache(file, data) {
  try {
    mkdirSync(dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, data);
    renameSync(temporary, file);
  } catch {
    // no cache this time
  }
}

function readCache(file) {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

let swc;
Module._extensions[".ts"] = function compileTypeScript(module, filename) {
  const source = readFileSync(filename, "utf8");
  const cached = join(TS_CACHE, `${hash(TS_SALT, filename, source)}.js`);
  let code = readCache(cached)?.toString("utf8");
  if (code === undefined) {
    swc = swc ?? require("@swc/core");
    code = swc.transformSync(source, { ...TS_OPTIONS, filename }).code;
    writeCache(cached, code);
  }
  module._compile(code, filename);
};

const compileJavaScript = Module._extensions[".js"];
const newCodeCaches = [];

Module._extensions[".js"] = function compileWithCodeCache(module, filename) {
  if (!filename.includes("/node_modules/")) return compileJavaScript(module, filename);
  const source = readFileSync(filename, "utf8");
  if (source.length < CODE_CACHE_MIN_BYTES || source.startsWith("#!")) return compileJavaScript(module, filename);
  const cacheFile = join(CODE_CACHE, hash(process.version, filename, source));
  const cachedData = readCache(cacheFile);
  const script = new vm.Script(Module.wrap(source), {
    filename,
    cachedData,
    // import() inside the module resolves as it would without the cache.
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  if (cachedData === undefined || script.cachedDataRejected) newCodeCaches.push({ script, cacheFile });
  const require = (id) => module.require(id);
  require.resolve = (request, options) => Module._resolveFilename(request, module, false, options);
  require.resolve.paths = (request) => Module._resolveLookupPaths(request, module);
  require.main = process.mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  const wrapper = script.runInThisContext({ displayErrors: true });
  wrapper.call(module.exports, module.exports, require, module, filename, dirname(filename));
};

process.once("exit", () => {
  for (const { script, cacheFile } of newCodeCaches) writeCache(cacheFile, script.createCachedData());
});
