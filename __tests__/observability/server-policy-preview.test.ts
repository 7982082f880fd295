import { POLICY_KINDS } from "../../lib/scaling/policies";
import type { PreviewContext, SimulatedMinute, TargetTrackingRule } from "../../lib/scaling/preview-rules";

const context: PreviewContext = {
  min: 1,
  assumptions: { responseSeconds: 2, cpuPercentAtCapacity: 100, memoryPercent: 50 },
  signals: {},
  where: "config/test.yaml: services.chat",
};
const minute: SimulatedMinute = {
  readyTasks: 4,
  runningTasks: 4,
  desiredTasks: 4,
  arrivals: 240,
  served: 240,
  workServed: 180,
  workCapacity: 240,
  waiting: 12,
  meanWaitSeconds: 1,
  responseSeconds: 2,
  firstTokenSeconds: 0.5,
};
const policy = (metric: string) =>
  ({ type: "server", name: "server", metric, target: 4, scaleInCooldownSeconds: 300, scaleOutCooldownSeconds: 60, disableScaleIn: false }) as never;

describe("the server kind in the preview", () => {
  test("waiting: requests waiting for a task over the ready tasks, with the policy's target and cooldowns", () => {
    const [rule] = POLICY_KINDS.server.previewRules(context, policy("waiting")) as TargetTrackingRule[];
    expect(rule).toMatchObject({ kind: "target-tracking", name: "server", target: 4, scaleInCooldownSeconds: 300, scaleOutCooldownSeconds: 60 });
    expect(rule.metric(minute)).toBe(3);
    expect(rule.metric({ ...minute, readyTasks: 0 })).toBeUndefined();
  });

  test("running: the requests in a serving task's batch, waiting ones not counted; kvCacheUsage: the share of capacity in use; timeToFirstToken: the wait plus the time to the first token", () => {
    const value = (metric: string) => (POLICY_KINDS.server.previewRules(context, policy(metric))[0] as TargetTrackingRule).metric(minute);
    expect(value("running")).toBe(((240 / 60) * 2) / 4);
    expect(value("kvCacheUsage")).toBe(75);
    expect(value("timeToFirstToken")).toBe(1.5);
  });

  test("tokensPerSecond is left out, and says why", () => {
    expect(POLICY_KINDS.server.previewRules(context, policy("tokensPerSecond"))).toEqual([
      { kind: "ignored", name: "server", reason: "the preview simulates no token counts per second of a server policy" },
    ]);
  });
});
