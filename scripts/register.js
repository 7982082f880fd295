// Loads the app fast without a build step.
//
// 1. TypeScript: each .ts file is transpiled with swc when first required (no
//    type-checking; `tsc` does that in `npm test`). The output is cached (scripts/cache.js)
//    keyed by the file's content, so an unchanged file is never transpiled twice and swc is
//    not even loaded when every file is cached. An entry carries a hash of its code
//    (cache.checked): an empty or truncated entry (a crash after the rename, before the data
//    reached the disk) is transpiled and written again, not compiled. Dynamic `import()`
//    stays native (ignoreDynamic), so ES-module-only packages (the preview's chart) load
//    lazily. The output carries a source map and source maps are on, so stack traces name
//    the TypeScript file, line and column.
// 2. Large dependency files (the AWS provider's resource modules are 100-300 KB each):
//    V8's compiled code is cached after the run (so it includes the functions the run
//    compiled lazily) and handed back to V8 next time, which then skips parsing and
//    compiling them. The entry is keyed by the file's path, size, inode and change times
//    (any rewrite of the file, such as `npm ci`, changes its ctime), so the file is not
//    hashed on every run. V8 rejects a cache from another Node version or flags; the file
//    is then compiled as usual and the cache rewritten. So the key also holds the Node
//    version and the flags (process.execArgv and NODE_OPTIONS): cdktf-cli runs the app with
//    NODE_OPTIONS=--max-old-space-size=4096, and `cdktf synth` and `npm run synth` then keep
//    an entry each instead of rewriting each other's.
//    This needs vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER (Node >= 20.12 / 21.7), so that
//    import() in a cached file resolves as usual; without it (Node 20.0-20.11) every file is
//    loaded by Node's own loader, without a code cache.
//
// The cache lives in node_modules/.cache/ecs-ai-autoscaling (ECS_AI_CACHE_DIR moves it);
// scripts/cache.js keeps it working when it cannot be written and prunes it.
"use strict";
const Module = require("node:module");
const vm = require("node:vm");
const { createHash } = require("node:crypto");
const { readFileSync, statSync } = require("node:fs");
const { dirname } = require("node:path");
const { DEFAULT_ROOT, checked, openCache, unchecked } = require("./cache");

const cache = openCache(process.env.ECS_AI_CACHE_DIR || DEFAULT_ROOT);
/** Dependency files at least this large get a code cache; for smaller ones a cache file costs more than it saves. */
const CODE_CACHE_MIN_BYTES = 4 * 1024;

const TS_OPTIONS = {
  jsc: { parser: { syntax: "typescript" }, target: "es2022" },
  module: { type: "commonjs", ignoreDynamic: true },
  // The map locates lines and columns; the TypeScript itself is read from its file when needed.
  sourceMaps: "inline",
  inlineSourcesContent: false,
  swcrc: false,
  configFile: false,
};
// Part of the cache key: a change of swc version or options invalidates every entry.
const TS_SALT = JSON.stringify(TS_OPTIONS) + require("@swc/core/package.json").version;
// Part of the key of a V8 entry: V8 rejects code cached by another Node version or with other
// flags. All of execArgv, not only V8's flags: a worker thread started with other execArgv
// (main.ts's validation worker) keys its own entries, which costs only @swc/core's two files,
// loaded by both threads on a cold run.
const V8_SALT = JSON.stringify([process.version, process.execArgv, process.env.NODE_OPTIONS ?? ""]);
// What import() in a module compiled through vm.Script resolves with: Node's own loader, as
// without the cache. Undefined before Node 20.12 / 21.7: such Nodes cache no V8 code.
const DEFAULT_DYNAMIC_IMPORT = vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER;

process.setSourceMapsEnabled(true);

function hash(...parts) {
  const h = createHash("sha1");
  for (const part of parts) h.update(part);
  return h.digest("hex");
}

let swc;
Module._extensions[".ts"] = function compileTypeScript(module, filename) {
  const source = readFileSync(filename, "utf8");
  const key = `${hash(TS_SALT, filename, source)}.js`;
  let code = unchecked(cache.read("ts", key));
  if (code === undefined) {
    swc = swc ?? require("@swc/core");
    code = swc.transformSync(source, { ...TS_OPTIONS, filename }).code;
    cache.write("ts", key, checked(code));
  }
  module._compile(code, filename);
};

const compileJavaScript = Module._extensions[".js"];
const newCodeCaches = [];

Module._extensions[".js"] = function compileWithCodeCache(module, filename) {
  if (DEFAULT_DYNAMIC_IMPORT === undefined || !filename.includes("/node_modules/")) {
    return compileJavaScript(module, filename);
  }
  const { size, ino, mtimeMs, ctimeMs } = statSync(filename);
  if (size < CODE_CACHE_MIN_BYTES) return compileJavaScript(module, filename);
  const source = readFileSync(filename, "utf8");
  if (source.startsWith("#!")) return compileJavaScript(module, filename);
  const key = hash(V8_SALT, filename, `${size}:${ino}:${mtimeMs}:${ctimeMs}`);
  const cachedData = cache.read("v8", key);
  let script;
  try {
    script = new vm.Script(Module.wrap(source), {
      filename,
      cachedData,
      // import() inside the module resolves as it would without the cache.
      importModuleDynamically: DEFAULT_DYNAMIC_IMPORT,
    });
  } catch (error) {
    // Not CommonJS (an ES module, which Node's own loader may load with require) or not valid at
    // all: Node's loader does what it would have done without this file, error included.
    if (error instanceof SyntaxError) return compileJavaScript(module, filename);
    throw error;
  }
  if (cachedData === undefined || script.cachedDataRejected) newCodeCaches.push({ script, key });
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
  for (const { script, key } of newCodeCaches) cache.write("v8", key, script.createCachedData());
  cache.prune();
});
