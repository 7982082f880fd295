import type { SchemaRequest } from "./derive-schema";

/** A Terraform configuration file: `.tf` (HCL) or `.tf.json`. */
export interface ConfigurationFile {
  readonly path: string;
  readonly text: string;
}

/** A top-level `resource "aws_x" "name"` or `data "aws_x" "name"` line, as `terraform fmt` writes it. */
const HCL_BLOCK = /^(resource|data) "(aws_[a-z0-9_]{1,120})" "/;

/**
 * The AWS resource and data source types that configuration files use: keys of `resource`
 * and `data` in Terraform JSON, block labels in HCL. Other providers' types are left out.
 */
export function awsTypesIn(files: readonly ConfigurationFile[]): SchemaRequest {
  const resources = new Set<string>();
  const dataSources = new Set<string>();
  for (const file of files) {
    if (file.path.endsWith(".tf.json")) {
      const json = JSON.parse(file.text) as { resource?: Record<string, unknown>; data?: Record<string, unknown> };
      for (const type of Object.keys(json.resource ?? {})) if (type.startsWith("aws_")) resources.add(type);
      for (const type of Object.keys(json.data ?? {})) if (type.startsWith("aws_")) dataSources.add(type);
    } else if (file.path.endsWith(".tf")) {
      for (const line of file.text.split("\n")) {
        const match = HCL_BLOCK.exec(line);
        if (match) (match[1] === "resource" ? resources : dataSources).add(match[2]);
      }
    }
  }
  return { resources: [...resources].sort(), dataSources: [...dataSources].sort() };
}

/** The union of several requests. */
export function mergeRequests(requests: readonly SchemaRequest[]): SchemaRequest {
  const union = (pick: (r: SchemaRequest) => readonly string[]) => [...new Set(requests.flatMap(pick))].sort();
  return { resources: union((r) => r.resources), dataSources: union((r) => r.dataSources) };
}
