import { EcsTaskDefinition } from "@cdktf/provider-aws/lib/ecs-task-definition";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { TerraformStack, Testing } from "cdktf";
import { stringify } from "yaml";
import { checkEnvironmentText } from "../../lib/config/load";
import type { EnvironmentConfig } from "../../lib/config/schema";
import { applyPolicy } from "../../lib/security/apply-policy";
import { CannotCheck, parseTerraformJson } from "../../lib/security/inspect";
import { formatFinding, PolicyReport } from "../../lib/security/report";
import { EnvironmentStack } from "../../stacks/environment-stack";
import { merge, withChat } from "../helpers";

function bareFindings(build: (stack: TerraformStack) => void, production = false): PolicyReport {
  const stack = new TerraformStack(Testing.app(), "bare");
  applyPolicy(stack, { production });
  build(stack);
  Testing.synth(stack);
  return PolicyReport.of(stack);
}

const taskDefinition = (stack: TerraformStack, containerDefinitions: string) =>
  new EcsTaskDefinition(stack, "task", { family: "chat", containerDefinitions, requiresCompatibilities: ["FARGATE"], cpu: "256", memory: "512", networkMode: "awsvpc" });

describe("rules fail closed: what they cannot evaluate is a finding, not a pass", () => {
  test("container definitions that are not JSON: the read-only-root rule says it cannot check", () => {
    const report = bareFindings((stack) => taskDefinition(stack, "[{not json"));
    expect(report.errors.map((f) => `${f.rule.id}: ${f.message}`)).toContainEqual(
      expect.stringMatching(/^AIS-ECS-2: cannot check aws_ecs_task_definition bare\/task: container_definitions is not valid JSON/),
    );
  });

  test("container definitions that are JSON but not a list of containers", () => {
    const report = bareFindings((stack) => taskDefinition(stack, '{"name":"chat"}'));
    expect(report.errors.map((f) => f.message)).toContainEqual(expect.stringContaining("container_definitions is not a JSON list of containers"));
  });

  test("a read-only root that Terraform computes cannot be checked", () => {
    const report = bareFindings((stack) =>
      taskDefinition(stack, '[{"name":"chat","image":"x:1","readonlyRootFilesystem":${var.read_only}}]'),
    );
    expect(report.errors.map((f) => `${f.rule.id}: ${f.message}`)).toContainEqual(
      "AIS-ECS-2: cannot check aws_ecs_task_definition bare/task: container chat's readonlyRootFilesystem is computed by Terraform (var.read_only)",
    );
  });

  test("a policy document that is not JSON: the wildcard rule says it cannot check", () => {
    const report = bareFindings((stack) => {
      const role = new IamRole(stack, "role", { name: "r", assumeRolePolicy: "{}" });
      new IamRolePolicy(stack, "policy", { name: "p", role: role.id, policy: "Statement: everything" });
    });
    expect(report.errors.map((f) => `${f.rule.id}: ${f.message}`)).toContainEqual(expect.stringMatching(/^AIS-IAM-1: cannot check aws_iam_role_policy bare\/policy: the policy document is not valid JSON/));
  });

  test("Terraform interpolations where JSON values belong are read as computed values; inside strings they stay text", () => {
    expect(parseTerraformJson('{"a":${jsonencode(var.x)},"b":"${var.image}","c":[${var.n}, 2]}', "doc")).toEqual({
      a: { $computed: "jsonencode(var.x)" },
      b: "${var.image}",
      c: [{ $computed: "var.n" }, 2],
    });
    expect(() => parseTerraformJson('{"a":${var.x', "doc")).toThrow(new CannotCheck("doc has an unterminated Terraform interpolation"));
  });
});

describe("findings name the YAML that causes them", () => {
  const DIGEST_FREE = "ghcr.io/acme/llm-server:1.4.2";
  const network = { mode: "existing", vpcId: "vpc-0123456789abcdef0", publicSubnetIds: ["subnet-0000000000000000a", "subnet-0000000000000000b"], privateSubnetIds: ["subnet-0000000000000001a"] };

  function fromYaml(text: string): EnvironmentConfig {
    const result = checkEnvironmentText(text, "config/prod.yaml");
    if (!("config" in result)) throw new Error(result.problems.map((p) => p.message).join("\n"));
    return result.config;
  }

  test("an image without a digest in production: file, line, field, rule, fix and how to suppress", () => {
    const text = stringify(merge(withChat({ image: DIGEST_FREE }), { production: true, accountId: "123456789012", network, loadBalancer: { webAcl: {} } }));
    const config = fromYaml(text);
    const imageLine = text.split("\n").findIndex((line) => line.includes(DIGEST_FREE)) + 1;
    const stack = new EnvironmentStack(Testing.app(), "prod", { config });
    Testing.synth(stack);
    const lines = PolicyReport.of(stack).errors.map(formatFinding);
    expect(lines).toEqual([
      `config/prod.yaml:${imageLine}: services.chat.image: AIS-IMG-1 container chat uses ${DIGEST_FREE}, which is not pinned by digest. ` +
        'Fix: reference the image as "<repository>:<tag>@sha256:<digest>". ' +
        'To suppress: add { rule: AIS-IMG-1, reason: "<why it does not apply>" } to policy.suppressions in config/prod.yaml (resource prod/chat/runtime/task-definition/task)',
    ]);
  });

  test("the config file records the line of every field it sets", () => {
    const config = fromYaml("project: acme\nregion: eu-west-1\nstate:\n  bucket: acme-tf-state\nnetwork:\n  mode: default-vpc\nservices:\n  chat:\n    image: ghcr.io/acme/chat:1.0\n    cpu: 1024\n    memory: 2048\n    routing: { pathPrefix: /chat }\n    scaling: { min: 1, max: 2, policies: [{ type: cpu, target: 60 }] }\n");
    expect(config.lines).toMatchObject({ project: 1, "state.bucket": 4, "services.chat.image": 9, "services.chat.scaling.policies[0]": 13 });
  });
});
