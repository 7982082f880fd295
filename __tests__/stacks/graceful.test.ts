import { baseInput, configOf, oneResource, resourcesOf, synthEnvironment, TerraformJson, withChat, withWorker } from "../helpers";

/** Nothing is lost when services scale in or redeploy. */
describe("draining and stopping", () => {
  const defaults = JSON.parse(synthEnvironment(configOf(baseInput()))) as TerraformJson;
  const tuned = JSON.parse(synthEnvironment(configOf(withChat({ deregistrationDelaySeconds: 300, stopTimeoutSeconds: 90 })))) as TerraformJson;
  const container = (json: TerraformJson) => JSON.parse(oneResource(json, "aws_ecs_task_definition").container_definitions)[0];

  test("the load balancer drains a stopping task for 120 s by default, long enough for a generation to finish", () => {
    expect(oneResource(defaults, "aws_lb_target_group").deregistration_delay).toBe("120");
  });

  test("the deregistration delay comes from config", () => {
    expect(oneResource(tuned, "aws_lb_target_group").deregistration_delay).toBe("300");
  });

  test("the container gets 120 s (the Fargate maximum) between SIGTERM and SIGKILL by default", () => {
    expect(container(defaults).stopTimeout).toBe(120);
  });

  test("the stop timeout comes from config", () => {
    expect(container(tuned).stopTimeout).toBe(90);
  });

  test("a failing deployment rolls back, and old tasks stay until new ones are healthy", () => {
    expect(oneResource(defaults, "aws_ecs_service")).toMatchObject({
      deployment_circuit_breaker: { enable: true, rollback: true },
      deployment_minimum_healthy_percent: 100,
      deployment_maximum_percent: 200,
    });
  });

  test("a queue worker's visibility timeout exceeds its processing time, so a stopped task's message returns", () => {
    const json = JSON.parse(
      synthEnvironment(configOf(withWorker({ scaling: { max: 3, policies: [{ type: "queue", secondsPerMessage: 45, acceptableLatencySeconds: 300 }] } }))),
    ) as TerraformJson;
    const queue = resourcesOf(json, "aws_sqs_queue").find((q) => q.name === "acme-test-jobs")!;
    expect(queue.visibility_timeout_seconds).toBe(300);
    expect(queue.visibility_timeout_seconds).toBeGreaterThan(45);
  });
});
