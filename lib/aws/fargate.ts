/**
 * Valid Fargate task sizes: CPU units to the memory sizes (MiB) Fargate accepts.
 * Source: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html#fargate-tasks-size
 */
function range(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let v = from; v <= to; v += step) out.push(v);
  return out;
}

export const FARGATE_TASK_SIZES: Readonly<Record<number, readonly number[]>> = {
  256: [512, 1024, 2048],
  512: range(1024, 4096, 1024),
  1024: range(2048, 8192, 1024),
  2048: range(4096, 16384, 1024),
  4096: range(8192, 30720, 1024),
  8192: range(16384, 61440, 4096),
  16384: range(32768, 122880, 8192),
};

export const FARGATE_CPU_VALUES: readonly number[] = Object.keys(FARGATE_TASK_SIZES).map(Number);

/** The memory sizes (MiB) Fargate accepts for a CPU value, or undefined when the CPU value itself is invalid. */
export function fargateMemoryFor(cpu: number): readonly number[] | undefined {
  return FARGATE_TASK_SIZES[cpu];
}
