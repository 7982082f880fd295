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

/**
 * Environments that share a state bucket must agree on how the state stack builds it: its
 * encryption and its access log bucket. The file that differs from the others is blamed (the
 * minority; on a tie, the later file), at the line of the field when it sets it.
 */
export function sharedStateSettingProblems(configs: readonly EnvironmentConfig[]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const byBucket = new Map<string, EnvironmentConfig[]>();
  for (const config of configs) byBucket.set(config.state.bucket, [...(byBucket.get(config.state.bucket) ?? []), config]);
  for (const [bucket, sharing] of byBucket) {
    for (const field of ["encryption", "accessLogBucket"] as const) {
      const counts = new Map<string, number>();
      for (const config of sharing) counts.set(config.state[field], (counts.get(config.state[field]) ?? 0) + 1);
      if (counts.size < 2) continue;
      // The value most files give (the earliest of equally common values) is taken as agreed.
      const agreed = [...counts].sort((a, b) => b[1] - a[1])[0][0];
      const agreeing = sharing.filter((c) => c.state[field] === agreed).map((c) => c.file);
      for (const config of sharing.filter((c) => c.state[field] !== agreed)) {
        problems.push({
          file: config.file,
          line: config.lines[`state.${field}`] ?? config.lines.state,
          path: `state.${field}`,
          value: config.state[field],
          message: `differs from ${agreeing.join(", ")}, which give the shared state bucket "${bucket}" ${field} ${JSON.stringify(agreed)}; environments sharing a bucket must agree`,
        });
      }
    }
  }
  return problems;
}
