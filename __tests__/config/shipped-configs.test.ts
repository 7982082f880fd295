import { loadEnvironmentFile } from "../../lib/config/load";

describe("shipped configs: where each service runs", () => {
  const dev = loadEnvironmentFile("config/dev.yaml");
  const staging = loadEnvironmentFile("config/staging.yaml");
  const prod = loadEnvironmentFile("config/prod.yaml");

  test("dev stays on Fargate (Spot)", () => {
    expect(dev.services.embeddings.compute).toEqual({ type: "fargate", onDemandBase: 0, onDemandWeight: 0, spotWeight: 1 });
  });

  test.each([
    ["staging", staging],
    ["prod", prod],
  ])("%s runs the LLM server on g6/g5 GPU capacity in its own Auto Scaling group, one GPU per task", (_name, config) => {
    expect(config.services.chat.compute).toMatchObject({ type: "gpu", instanceTypes: ["g6.xlarge", "g5.xlarge"], gpusPerTask: 1 });
  });

  test.each([
    ["staging", staging],
    ["prod", prod],
  ])("%s keeps embeddings on Fargate", (_name, config) => {
    expect(config.services.embeddings.compute.type).toBe("fargate");
  });
});
