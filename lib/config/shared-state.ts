import type { ConfigProblem } from "./problems";
import type { EnvironmentConfig } from "./schema";

/**
 * Environments that share a state bucket must agree on its region: the state stack creates the
 * bucket once. The region most of them give wins (on a tie, the one of the file first in name
 * order), and each file that gives another region is blamed, on the line the region comes from:
 * its `state.region`, or its `region` when the bucket's region defaults to the environment's.
 */
export function sharedStateProblems(configs: readonly EnvironmentConfig[]): ConfigProblem[] {
  const byBucket = new Map<string, EnvironmentConfig[]>();
  for (const config of configs) byBucket.set(config.state.bucket, [...(byBucket.get(config.state.bucket) ?? []), config]);
  const problems: ConfigProblem[] = [];
  for (const [bucket, sharing] of byBucket) {
    const byRegion = new Map<string, EnvironmentConfig[]>();
    for (const config of sharing) byRegion.set(config.state.region, [...(byRegion.get(config.state.region) ?? []), config]);
    if (byRegion.size < 2) continue;
    // Map order is first appearance (files come sorted by name), so on a tie the earlier file's region wins.
    const [winner, agreeing] = [...byRegion].reduce((best, entry) => (entry[1].length > best[1].length ? entry : best));
    const witnesses = agreeing.map((c) => c.file).join(" and ");
    for (const config of sharing.filter((c) => c.state.region !== winner)) {
      const explicit = config.state.regionSource === "state.region";
      const path = config.state.regionSource;
      problems.push({
        file: config.file,
        line: config.lines[path],
        path,
        value: config.state.region,
        message: explicit
          ? `the state bucket "${bucket}" is in ${winner} according to ${witnesses}; environments sharing a bucket must give it the same region`
          : `the state bucket "${bucket}" is in ${winner} according to ${witnesses}, but this environment's state.region defaults to its region; set state.region: ${winner}, or use a bucket of its own`,
      });
    }
  }
  return problems;
}
