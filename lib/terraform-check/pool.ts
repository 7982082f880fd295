import { availableParallelism } from "node:os";

/** How many Terraform processes run at once: one per core, at least 2 (each waits on its provider much of the time). */
export const TERRAFORM_CONCURRENCY = Math.max(2, availableParallelism());

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
