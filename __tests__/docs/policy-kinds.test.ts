import { POLICY_TYPES } from "../../lib/scaling/policies/definitions";
import { policyKindFacts } from "../../lib/docs/policy-kinds";

// The facts of the scaling policy kinds page come from the validation and a synth, not from prose.
const facts = Object.fromEntries(POLICY_TYPES.map((type) => [type, policyKindFacts(type)]));

describe("scaling policy kinds page", () => {
  test("the services column is what the validation accepts", () => {
    expect(Object.fromEntries(POLICY_TYPES.map((type) => [type, facts[type].services]))).toEqual({
      cpu: ["web", "worker"],
      memory: ["web", "worker"],
      requests: ["web"],
      latency: ["web"],
      custom: ["web", "worker"],
      queue: ["worker"],
      step: ["web", "worker"],
      predictive: ["web", "worker"],
    });
  });

  test("the Terraform column names the policy type and metric the synth writes", () => {
    expect(facts.cpu.terraform).toEqual(["`aws_appautoscaling_policy` TargetTrackingScaling on `ECSServiceAverageCPUUtilization`"]);
    expect(facts.requests.terraform).toEqual(["`aws_appautoscaling_policy` TargetTrackingScaling on `ALBRequestCountPerTarget`"]);
    expect(facts.step.terraform).toEqual(["`aws_appautoscaling_policy` StepScaling", "`aws_cloudwatch_metric_alarm`"]);
    expect(facts.predictive.terraform).toEqual(["`aws_appautoscaling_policy` PredictiveScaling, mode `ForecastOnly`"]);
  });

  test("a queue policy at min 0 shows its scale-from-zero and scale-to-zero alarms", () => {
    expect(facts.queue.terraform).toEqual([
      "`aws_appautoscaling_policy` TargetTrackingScaling on metric math over `ApproximateNumberOfMessagesVisible`, `RunningTaskCount`",
      "2 x `aws_appautoscaling_policy` StepScaling",
      "2 x `aws_cloudwatch_metric_alarm`",
    ]);
  });

  test("the description is the kind's own", () => {
    expect(facts.queue.description).toBe("visible messages per running task");
  });

  test("an example no service kind accepts stops the generator with the validation's messages", () => {
    expect(() => policyKindFacts("cpu", { policy: { type: "cpu", target: 150 }, caption: "too high" })).toThrow(
      /the cpu example in lib\/docs\/policy-examples.ts is valid in no service kind:\n.*target: must be at most 100/,
    );
  });
});
