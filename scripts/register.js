// Runs the TypeScript sources directly: each .ts file is transpiled with swc when
// first required (no type-checking; `tsc --noEmit` does that in `npm test`).
"use strict";
const { transformSync } = require("@swc/core");
const Module = require("node:module");
const { readFileSync } = require("node:fs");

const options = {
  jsc: { parser: { syntax: "typescript" }, target: "es2022" },
  module: { type: "commonjs" },
  sourceMaps: "inline",
  swcrc: false,
  configFile: false,
};

Module._extensions[".ts"] = function compile(module, filename) {
  const { code } = transformSync(readFileSync(filename, "utf8"), { ...options, filename });
  module._compile(code, filename);
};
