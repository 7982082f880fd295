import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * Where the `@cdktf/provider-aws` bindings keep what the provider schema said. Each
 * binding (`lib/<name>/index.js`) was generated from the provider's schema and compiled
 * from TypeScript; its inline source map carries that TypeScript source, which still has
 * the generator's record of every attribute (`// arn - computed: true, optional: false,
 * required: false`), the typed getters and the HCL fragments. Only the bindings asked for
 * are read: importing the package root costs seconds (see DESIGN.md).
 */

/** A binding's kind: a managed resource, a data source, or the provider itself. */
export type BindingKind = "resource" | "data" | "provider";

/** `node_modules/@cdktf/provider-aws/lib`, as Node resolves it from this project. */
export function bindingsRoot(): string {
  return join(dirname(require.resolve("@cdktf/provider-aws/package.json")), "lib");
}

/** The folder of a binding: `aws_ecs_service` → `ecs-service`, data source `aws_vpc` → `data-aws-vpc`. */
export function bindingFolder(kind: BindingKind, type: string): string {
  if (kind === "provider") return "provider";
  if (!/^aws_[a-z0-9_]{1,120}$/.test(type)) throw new Error(`${type}: not an AWS provider type name (aws_ followed by lowercase letters, digits and _)`);
  const rest = type.slice("aws_".length).replace(/_/g, "-");
  return kind === "data" ? `data-aws-${rest}` : rest;
}

const SOURCE_MAP_PREFIX = "//# sourceMappingURL=data:application/json;base64,";

/** The TypeScript source of one binding, from the inline source map of its compiled `index.js`. */
export function readBindingSource(kind: BindingKind, type: string, root: string = bindingsRoot()): string {
  const file = join(root, bindingFolder(kind, type), "index.js");
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new Error(`${kind === "data" ? "data source" : kind} ${type}: no binding at ${file} (is the type spelled right, and is @cdktf/provider-aws installed?)`);
  }
  const at = text.lastIndexOf(SOURCE_MAP_PREFIX);
  if (at < 0) throw new Error(`${file}: no inline source map, so no TypeScript source to read the schema from`);
  const end = text.indexOf("\n", at);
  const encoded = text.slice(at + SOURCE_MAP_PREFIX.length, end < 0 ? undefined : end).trim();
  const map = JSON.parse(Buffer.from(encoded, "base64").toString("utf8")) as { sourcesContent?: string[] };
  const source = map.sourcesContent?.[0];
  if (!source) throw new Error(`${file}: the source map holds no source text`);
  return source;
}
