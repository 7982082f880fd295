import { stringify } from "yaml";
import { checkEnvironmentText } from "../../lib/config/load";
import { applyScalingChange } from "../../lib/preview/config-edit";
import { AWS_DYNAMICS } from "../../lib/preview/dynamics";
import { describeSettings, recommend, targetCandidates } from "../../lib/preview/recommend";
import { syntheticTrace } from "../../lib/preview/synthetic-trace";
import { unifiedDiff } from "../../lib/preview/text-diff";
import { oneResource, synthEnvironment, withChat } from "../helpers";

// An over-provisioned service: min 3 and a 60 s scale-out cooldown against a 4-minute start-up.
const input = withChat({
  scaling: { min: 3, max: 10, policies: [{ type: "requests", target: 100 }] },
  preview: { requestsPerMinute: 200, startupSeconds: 240, latencyObjectiveSeconds: 10 },
});
const text = `# a comment the recommender keeps\n${stringify(input)}`;
// Two days of a daily cycle from 100 to 800 requests a minute.
const trace = syntheticTrace({ days: 2, trough: 100, peak: 800, bursts: 0, seed: 1 });

describe("the recommender", () => {
  const found = recommend(text, "config/test.yaml", "chat", trace, { overrides: { dynamics: AWS_DYNAMICS }, dynamics: AWS_DYNAMICS, start: "warm" });

  test("finds settings that meet the objective for less than the current ones", () => {
    expect(found.best.meets).toBe(true);
    expect(found.best.cost).toBeLessThan(found.current.cost);
    expect(found.evaluated).toBeGreaterThan(20);
  });

  test("its cost is at least the reference's, the cheapest schedule knowing the trace", () => {
    expect(found.best.cost).toBeGreaterThanOrEqual(found.reference.cost);
  });

  test("the Pareto front: cheaper settings are further from the objectives", () => {
    for (let i = 1; i < found.pareto.length; i++) {
      expect(found.pareto[i].cost).toBeGreaterThanOrEqual(found.pareto[i - 1].cost);
      expect(found.pareto[i].margin).toBeGreaterThan(found.pareto[i - 1].margin);
    }
    expect(found.pareto).toContain(found.best);
  });

  test("writes the winner as a diff of the scaling section only, keeping comments", () => {
    expect(found.text.startsWith("# a comment the recommender keeps\n")).toBe(true);
    const changed = found.diff.split("\n").filter((l) => /^[-+] /.test(l) || /^[-+]\s/.test(l));
    expect(changed.length).toBeGreaterThan(0);
    expect(found.diff).toContain("-      min: 3");
    const scalingKeys = /^[-+]\s+(- )?(min|target|scaleOutCooldownSeconds|scaleInCooldownSeconds|schedules|name|schedule|timezone|max):/;
    for (const line of changed) expect(line).toMatch(scalingKeys);
  });

  test("the changed config passes validation and synthesizes with the new settings", () => {
    const checked = checkEnvironmentText(found.text, "config/test.yaml");
    if ("problems" in checked) throw new Error(JSON.stringify(checked.problems));
    const json = synthEnvironment(checked.config);
    const target = oneResource(json, "aws_appautoscaling_target");
    expect(target.min_capacity).toBe(found.best.settings.min);
    const policy = oneResource(json, "aws_appautoscaling_policy");
    const tracking = policy.target_tracking_scaling_policy_configuration;
    // The synthesized target is the one the recommender found (its targets by policy index).
    expect(tracking.target_value).toBe(found.best.settings.targets[0]);
    if (found.best.settings.scaleOutCooldownSeconds !== undefined) expect(tracking.scale_out_cooldown).toBe(found.best.settings.scaleOutCooldownSeconds);
  });
});

describe("the targets the recommender tries", () => {
  const server = (metric: string, target: number) =>
    ({ type: "server", name: "server", metric, target, scaleInCooldownSeconds: 300, scaleOutCooldownSeconds: 60, disableScaleIn: false }) as never;

  test("a server policy's waiting requests per task: 0.4x to 1.5x of the current target, two decimals below 10", () => {
    expect(targetCandidates(server("waiting", 4), 4)).toEqual([1.6, 2, 2.4, 2.8, 3.2, 3.6, 4, 4.6, 5.2, 6]);
  });

  test("a server policy's KV-cache usage is a percentage: never above 100", () => {
    expect(targetCandidates(server("kvCacheUsage", 80), 80)).toEqual([32, 40, 48, 56, 64, 72, 80, 92, 100, 100]);
  });

  test("a server policy's running requests stay below the sequences a task runs at once", () => {
    // At 16 sequences, running never exceeds 16: 1.3x and 1.5x of 12 (16, 18) could never scale out.
    expect(targetCandidates(server("running", 12), 12, 16)).toEqual([4.8, 6, 7.2, 8.4, 9.6, 11, 12, 14]);
    expect(targetCandidates(server("running", 12), 12)).toHaveLength(10);
  });
});

describe("the settings' labels", () => {
  const base = { min: 1, max: 10, policies: [{ type: "requests", name: "requests", target: 100 }], schedules: [] } as never;

  test("a cooldown the search left alone reads as configured", () => {
    expect(describeSettings(base, { min: 2, targets: {}, schedules: "none", scaleOutCooldownSeconds: 300 })).toBe("min 2, cooldowns out 300 s / in as configured, no schedules");
  });
});

describe("editing a config's scaling section in place", () => {
  const yaml = [
    "services:",
    "  chat:",
    "    scaling:              # kept",
    "      min: 2",
    "      max: 20",
    "      policies:",
    "        - type: requests",
    "          target: 200     # per task",
    "    preview:",
    "      startupSeconds: 240",
    "",
  ].join("\n");

  test("replaces values, adds missing keys below their map, and adds schedules", () => {
    const out = applyScalingChange(yaml, "chat", {
      min: 1,
      policies: [{ index: 0, target: 150, scaleOutCooldownSeconds: 300 }],
      schedules: [{ name: "daily-peak", schedule: "cron(0 8 * * ? *)", timezone: "UTC", min: 4 }],
    });
    expect(out).toBe(
      [
        "services:",
        "  chat:",
        "    scaling:              # kept",
        "      min: 1",
        "      max: 20",
        "      policies:",
        "        - type: requests",
        "          target: 150     # per task",
        "          scaleOutCooldownSeconds: 300",
        "      schedules:",
        "        - name: daily-peak",
        "          schedule: cron(0 8 * * ? *)",
        "          timezone: UTC",
        "          min: 4",
        "    preview:",
        "      startupSeconds: 240",
        "",
      ].join("\n"),
    );
  });

  test("no change leaves the text as it was", () => {
    expect(applyScalingChange(yaml, "chat", {})).toBe(yaml);
  });

  test("a unified diff with context", () => {
    expect(unifiedDiff("a\nb\nc\nd\n", "a\nB\nc\nd\n", "a/x", "b/x", 1)).toBe("--- a/x\n+++ b/x\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n");
  });
});
