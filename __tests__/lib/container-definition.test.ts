import { containerDefinitionJson, renderContainerDefinitions } from "../../lib/task/container-definition";

const logs = { logGroup: "/ecs/acme/dev/chat", region: "eu-west-1", streamPrefix: "chat" };

describe("container definitions", () => {
  test("a minimal definition gets ECS's normalized empty lists and non-blocking logs", () => {
    expect(containerDefinitionJson({ name: "chat", image: "repo/chat:1", logs })).toEqual({
      name: "chat",
      image: "repo/chat:1",
      essential: true,
      environment: [],
      secrets: [],
      logConfiguration: {
        logDriver: "awslogs",
        options: { "awslogs-group": "/ecs/acme/dev/chat", "awslogs-region": "eu-west-1", "awslogs-stream-prefix": "chat", mode: "non-blocking" },
      },
      readonlyRootFilesystem: false,
      mountPoints: [],
      volumesFrom: [],
    });
  });

  test("variables are sorted by name so the JSON is stable", () => {
    const json = containerDefinitionJson({ name: "c", image: "i:1", logs, environment: { Z: "1", A: "2" }, secrets: { Y: "arn:y", B: "arn:b" } });
    expect(json.environment).toEqual([{ name: "A", value: "2" }, { name: "Z", value: "1" }]);
    expect(json.secrets).toEqual([{ name: "B", valueFrom: "arn:b" }, { name: "Y", valueFrom: "arn:y" }]);
  });

  test("GPUs become a GPU resource requirement", () => {
    expect(containerDefinitionJson({ name: "c", image: "i:1", logs, gpus: 2 }).resourceRequirements).toEqual([{ type: "GPU", value: "2" }]);
  });

  test("renders a JSON array of every container", () => {
    const parsed = JSON.parse(renderContainerDefinitions([{ name: "a", image: "i:1", logs }, { name: "b", image: "i:2", logs, essential: false }]));
    expect(parsed.map((c: { name: string; essential: boolean }) => [c.name, c.essential])).toEqual([["a", true], ["b", false]]);
  });
});
