import { PRICES } from "../../lib/preview/pricing";
import { previewTargetOf } from "../../lib/preview/service-model";
import { costOf, summarize } from "../../lib/preview/summary";
import { configOf, EXISTING_NETWORK, withChat } from "../helpers";
import { replay, steps } from "./helpers";

/** The spare instances a capacity provider keeps (targetCapacity below 100) are paid for in the preview's cost. */

function gpuTarget(targetCapacity: number) {
  const config = configOf(
    withChat(
      {
        cpu: 3072,
        memory: 12288,
        compute: { type: "gpu", instanceTypes: ["g6.xlarge"], managedScaling: { targetCapacity } },
        scaling: { min: 10, max: 10, policies: [{ type: "cpu", target: 60 }] },
        preview: { requestsPerMinute: 200, startupSeconds: 240 },
      },
      { network: EXISTING_NETWORK },
    ),
  );
  return previewTargetOf(config, "chat");
}

describe("capacity-provider headroom in the preview's cost", () => {
  const hour = steps([1000, 60]);

  test("targetCapacity 90: 10 tasks keep 12 g6.xlarge instances, and all 12 are billed", () => {
    const target = gpuTarget(90);
    const result = replay(hour, target, { initialTasks: 10 });
    expect(new Set(Array.from(result.instances))).toEqual(new Set([12]));
    const summary = summarize(result, target);
    expect(summary.taskHours).toBe(10);
    expect(summary.instanceHours).toBe(12);
    expect(costOf(result, target)).toBeCloseTo(12 * PRICES.gpuInstanceHour["g6.xlarge"], 6);
  });

  test("targetCapacity 100: no spare instance, 10 billed", () => {
    const target = gpuTarget(100);
    const result = replay(hour, target, { initialTasks: 10 });
    expect(costOf(result, target)).toBeCloseTo(10 * PRICES.gpuInstanceHour["g6.xlarge"], 6);
  });
});
