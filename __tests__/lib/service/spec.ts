import type { ServiceSpec } from "../../../lib/service/service-spec";

/** A small, complete ServiceSpec for building ServiceRuntime in a bare stack; fields overridable. */
export function bareSpec(overrides: Partial<ServiceSpec> = {}): ServiceSpec {
  return {
    name: "chat",
    region: "eu-west-1",
    cluster: { arn: "arn:aws:ecs:eu-west-1:123456789012:cluster/acme", name: "acme" },
    logs: { groupName: "/ecs/chat", retentionDays: 30 },
    roles: { executionRoleName: "chat-execution", taskRoleName: "chat-task", secretArns: [] },
    task: {
      family: "chat",
      cpu: 1024,
      memory: 2048,
      container: { image: "ghcr.io/acme/chat:1.0", environment: {}, secrets: {}, stopTimeoutSeconds: 120 },
      filesystem: { readOnlyRoot: true, writablePaths: ["/tmp"] },
    },
    compute: () => ({
      requiresCompatibilities: ["FARGATE"],
      serviceSettings: { capacityProviderStrategy: [{ capacityProvider: "FARGATE", base: 0, weight: 1 }], platformVersion: "LATEST" },
      assignPublicIp: false,
    }),
    network: { subnetIds: ["subnet-0123456789abcdef0"], securityGroupIds: ["sg-0123456789abcdef0"] },
    scaling: { min: 1, max: 4, namePrefix: "chat", placeholders: { cluster: "acme", service: "chat" }, addPolicies: () => undefined },
    ...overrides,
  };
}
