import { availableParallelism } from "node:os";

/**
 * How many processes (synths, Terraform commands) the checks run at once by default: one
 * per core. Inside `npm test`, whose workers already keep every core busy, the checks use
 * 1, so that they do not slow the test files running beside them.
 */
export const DEFAULT_CONCURRENCY = availableParallelism();

/** Runs `task` over `items` with at most `limit` running at once; results in the order of `items`. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
