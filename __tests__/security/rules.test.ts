import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { TerraformResource, TerraformStack, Testing } from "cdktf";
import type { IConstruct } from "constructs";
import { applyPolicy } from "../../lib/security/apply-policy";
import { PolicyReport } from "../../lib/security/report";
import { RULE_IDS } from "../../lib/security/rule-ids";
import { RULES } from "../../lib/security/rules";
import { EnvironmentStack } from "../../stacks/environment-stack";
import { StateStack } from "../../stacks/state-stack";
import { baseInput, configOf, EXISTING_NETWORK_ONE_PRIVATE_SUBNET, Input, merge, withChat, withWorker } from "../helpers";

const CERTIFICATE = "arn:aws:acm:eu-west-1:123456789012:certificate/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0";
const DIGEST = "@sha256:" + "a".repeat(64);
const EXISTING_NETWORK = EXISTING_NETWORK_ONE_PRIVATE_SUBNET;

/** An environment stack for an input, optionally changed after construction, with its rule findings. */
function environmentFindings(input: Input, change?: (stack: EnvironmentStack) => void) {
  const app = Testing.app();
  const stack = new EnvironmentStack(app, "test", { config: configOf(input) });
  change?.(stack);
  Testing.synth(stack);
  return PolicyReport.of(stack);
}

function stateFindings(change?: (stack: StateStack) => void) {
  const app = Testing.app();
  const stack = new StateStack(app, "state", { environments: [configOf(baseInput())] });
  change?.(stack);
  Testing.synth(stack);
  return PolicyReport.of(stack);
}

/** A stack with only the policy and what `build` adds (for resources the shipped stacks do not make). */
function bareFindings(build: (stack: TerraformStack) => void, production = false) {
  const app = Testing.app();
  const stack = new TerraformStack(app, "bare");
  applyPolicy(stack, { production });
  build(stack);
  Testing.synth(stack);
  return PolicyReport.of(stack);
}

const ids = (report: PolicyReport) => report.errors.map((f) => f.rule.id);
const lines = (report: PolicyReport) => report.errors.map((f) => `${f.rule.id} ${f.path}: ${f.message}`);

/** The one resource under a construct path (relative to the stack). */
function resourceAt(stack: TerraformStack, path: string): TerraformResource {
  const found = stack.node.findAll().find((c: IConstruct) => c.node.path === `${stack.node.id}/${path}`);
  if (!found || !TerraformResource.isTerraformResource(found)) throw new Error(`no resource at ${path}`);
  return found;
}

const productionInput = () =>
  merge(withChat({ image: `ghcr.io/acme/llm-server:1.4.2${DIGEST}` }), { production: true, accountId: "123456789012", network: EXISTING_NETWORK, loadBalancer: { webAcl: {} } });

describe("the rule list", () => {
  test("every rule id has exactly one rule, in order", () => {
    expect(RULES.map((Rule) => new Rule({ production: false }).id)).toEqual([...RULE_IDS]);
  });

  test("every rule has a description and a fix hint", () => {
    for (const Rule of RULES) {
      const rule = new Rule({ production: false });
      expect(rule.description.length).toBeGreaterThan(20);
      expect(rule.hint.length).toBeGreaterThan(20);
    }
  });
});

describe("passing configurations", () => {
  test("the base environment passes every rule", () => {
    expect(ids(environmentFindings(baseInput()))).toEqual([]);
  });

  test("a production environment in private subnets with pinned images passes every rule", () => {
    expect(ids(environmentFindings(productionInput()))).toEqual([]);
  });

  test("the state stack passes every rule", () => {
    expect(ids(stateFindings())).toEqual([]);
  });
});

describe("every rule has a passing case on stacks that have the resources it checks", () => {
  /** Stacks that together have every resource type the rules look at. */
  function passingStacks(): TerraformStack[] {
    const app = Testing.app();
    const gpu = {
      cpu: 2048,
      memory: 8192,
      compute: { type: "gpu", instanceTypes: ["g6.xlarge"] },
    };
    return [
      new StateStack(app, "state", { environments: [configOf(merge(baseInput(), { state: { dynamodbTable: "acme-terraform-locks" } }))] }),
      new EnvironmentStack(app, "test", {
        config: configOf(
          merge(productionInput(), {
            loadBalancer: { certificateArn: CERTIFICATE },
            services: {
              chat: { ...gpu, secrets: { HF_TOKEN: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:hf-AbCdEf" } },
              jobs: (withWorker({ image: `ghcr.io/acme/worker:1.0.0${DIGEST}` }).services as Input).jobs,
            },
          }),
        ),
      }),
    ];
  }
  const stacks = passingStacks();
  const synthesized = stacks.map((stack) => JSON.parse(Testing.synth(stack)) as { resource: Record<string, object> });
  const reports = stacks.map((stack) => PolicyReport.of(stack));

  test.each(RULES.map((Rule) => new Rule({ production: true })).map((rule) => [rule.id, rule] as const))("%s passes", (_id, rule) => {
    const examined = synthesized.reduce((n, json) => n + rule.resourceTypes.reduce((m, type) => m + Object.keys(json.resource[type] ?? {}).length, 0), 0);
    expect(examined).toBeGreaterThan(0);
    expect(reports.flatMap((r) => [...r.errors, ...r.warnings]).filter((f) => f.rule.id === rule.id)).toEqual([]);
  });
});

describe("AIS-S3-1..4: the state bucket", () => {
  test("AIS-S3-1 fails without default encryption", () => {
    const report = stateFindings((s) => s.node.findChild("bucket-acme-terraform-state").node.tryRemoveChild("encryption"));
    expect(lines(report)).toEqual(["AIS-S3-1 state/bucket-acme-terraform-state/bucket: bucket acme-terraform-state has no default server-side encryption"]);
  });

  test("AIS-S3-2 fails when versioning is suspended", () => {
    const report = stateFindings((s) => resourceAt(s, "bucket-acme-terraform-state/versioning").addOverride("versioning_configuration.status", "Suspended"));
    expect(lines(report)).toEqual(["AIS-S3-2 state/bucket-acme-terraform-state/bucket: bucket acme-terraform-state does not have versioning enabled"]);
  });

  test("AIS-S3-3 fails when a public access setting is off", () => {
    const report = stateFindings((s) => resourceAt(s, "bucket-acme-terraform-state/public-access-block").addOverride("block_public_policy", false));
    expect(lines(report)).toEqual(["AIS-S3-3 state/bucket-acme-terraform-state/bucket: bucket acme-terraform-state public access block does not set block_public_policy"]);
  });

  test("AIS-S3-4 fails without the TLS-only bucket policy", () => {
    const report = stateFindings((s) => s.node.findChild("bucket-acme-terraform-state").node.tryRemoveChild("tls-only"));
    expect(lines(report)).toEqual(["AIS-S3-4 state/bucket-acme-terraform-state/bucket: bucket acme-terraform-state has no policy denying requests without TLS"]);
  });
});

describe("AIS-S3-5, AIS-S3-6, AIS-DDB-1: state access logs, customer-managed key, lock table", () => {
  test("AIS-S3-5 fails when the state bucket does not log access", () => {
    const report = stateFindings((s) => s.node.findChild("bucket-acme-terraform-state").node.tryRemoveChild("access-logs"));
    expect(lines(report)).toEqual(["AIS-S3-5 state/bucket-acme-terraform-state/bucket: bucket acme-terraform-state does not log access"]);
  });

  test("AIS-S3-5 exempts the log bucket itself (it would log its own log writes)", () => {
    expect(lines(stateFindings()).filter((l) => l.includes("-logs"))).toEqual([]);
  });

  test("AIS-S3-6 warns when the state is encrypted with S3-managed keys, pointing at state.encryption", () => {
    const app = Testing.app();
    const stack = new StateStack(app, "state", { environments: [configOf(merge(baseInput(), { state: { encryption: "s3" } }))] });
    Testing.synth(stack);
    const report = PolicyReport.of(stack);
    expect(report.errors).toEqual([]);
    expect(report.warnings.map((f) => `${f.rule.id} ${f.location?.path}: ${f.message}`)).toEqual([
      "AIS-S3-6 state.encryption: bucket acme-terraform-state is not encrypted with a customer-managed KMS key and a bucket key",
    ]);
  });

  test("AIS-DDB-1 fails for a lock table without deletion protection", () => {
    const app = Testing.app();
    const stack = new StateStack(app, "state", { environments: [configOf(merge(baseInput(), { state: { dynamodbTable: "acme-terraform-locks" } }))] });
    resourceAt(stack, "lock-table-acme-terraform-locks/table").addOverride("deletion_protection_enabled", false);
    Testing.synth(stack);
    expect(lines(PolicyReport.of(stack))).toEqual(["AIS-DDB-1 state/lock-table-acme-terraform-locks/table: table acme-terraform-locks has no deletion protection"]);
  });
});

describe("AIS-NET-1: no public task IPs in production", () => {
  test("fails for production in the default VPC", () => {
    const report = environmentFindings({ ...productionInput(), network: { mode: "default-vpc" } });
    expect(lines(report)).toEqual(["AIS-NET-1 test/services/chat/runtime/service: service chat assigns public IPs to its tasks"]);
  });

  test("passes for a non-production default VPC environment", () => {
    expect(ids(environmentFindings(baseInput()))).not.toContain("AIS-NET-1");
  });
});

describe("AIS-SG-1: open ingress only on listener ports", () => {
  test("fails for an open port that is not a listener", () => {
    const report = environmentFindings(baseInput(), (s) => {
      const lbGroup = resourceAt(s, "load-balancer/security-group") as unknown as { id: string };
      new VpcSecurityGroupIngressRule(s, "ssh", { securityGroupId: lbGroup.id, ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "0.0.0.0/0" });
    });
    expect(lines(report)).toEqual(["AIS-SG-1 test/ssh: ingress from 0.0.0.0/0 on ports 22-22; only listener ports (80) may be open"]);
  });

  test("fails for ingress from anywhere into a service's group", () => {
    const report = environmentFindings(baseInput(), (s) => {
      const group = resourceAt(s, "services/chat/runtime/security-group") as unknown as { id: string };
      new VpcSecurityGroupIngressRule(s, "direct", { securityGroupId: group.id, ipProtocol: "tcp", fromPort: 8080, toPort: 8080, cidrIpv6: "::/0" });
    });
    expect(ids(report).sort()).toEqual(["AIS-SG-1", "AIS-SG-2"]);
    expect(lines(report).find((l) => l.startsWith("AIS-SG-1"))).toMatch(/^AIS-SG-1 test\/direct: ingress from ::\/0 into aws_security_group\.chat_runtime_security-group_[0-9A-F]+, which is not a load balancer's group$/);
  });
});

describe("AIS-SG-2: services reachable only from the load balancer", () => {
  test("fails when a service admits a CIDR", () => {
    const report = environmentFindings(baseInput(), (s) => {
      const group = resourceAt(s, "services/chat/runtime/security-group") as unknown as { id: string };
      new VpcSecurityGroupIngressRule(s, "office", { securityGroupId: group.id, ipProtocol: "tcp", fromPort: 8080, toPort: 8080, cidrIpv4: "10.0.0.0/8" });
    });
    expect(lines(report)).toEqual(["AIS-SG-2 test/services/chat/runtime/service: service chat admits traffic from 10.0.0.0/8 (test/office)"]);
  });
});

describe("AIS-IAM-1: no * on *", () => {
  test("fails for a task policy allowing every action on every resource", () => {
    const report = environmentFindings(withChat({ taskPolicy: [{ actions: ["*"], resources: ["*"] }] }));
    expect(lines(report)).toEqual(["AIS-IAM-1 test/services/chat/runtime/task-role/policy: policy task-permissions allows every action on every resource"]);
  });

  test("passes for a scoped task policy", () => {
    const report = environmentFindings(withChat({ taskPolicy: [{ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::models/*"] }] }));
    expect(ids(report)).toEqual([]);
  });
});

describe("AIS-IAM-2: execution roles read only the listed secrets", () => {
  const secret = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:hf-AbCdEf";

  test("passes for the generated secret policy", () => {
    expect(ids(environmentFindings(withChat({ secrets: { HF_TOKEN: secret } })))).toEqual([]);
  });

  test("fails when the execution role may read more", () => {
    const report = environmentFindings(withChat({ secrets: { HF_TOKEN: secret } }), (s) => {
      const role = resourceAt(s, "services/chat/runtime/execution-role/role") as unknown as { id: string };
      new IamRolePolicy(s, "extra", {
        role: role.id,
        policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: "*" }] }),
      });
    });
    expect(lines(report)).toEqual(["AIS-IAM-2 test/extra: execution role may read *, which no task definition of the role lists"]);
  });
});

describe("AIS-LOG-1, AIS-ECS-1, AIS-ALB-1: logs, insights, headers", () => {
  test("AIS-LOG-1 fails for a log group without retention", () => {
    const report = environmentFindings(baseInput(), (s) => resourceAt(s, "services/chat/runtime/logs/group").addOverride("retention_in_days", 0));
    expect(lines(report)).toEqual(["AIS-LOG-1 test/services/chat/runtime/logs/group: log group /ecs/acme/test/chat keeps logs forever"]);
  });

  test("AIS-ECS-1 fails with Container Insights off", () => {
    const report = environmentFindings(baseInput(), (s) => resourceAt(s, "cluster/cluster").addOverride("setting", [{ name: "containerInsights", value: "disabled" }]));
    expect(lines(report)).toEqual(["AIS-ECS-1 test/cluster/cluster: cluster acme-test has Container Insights off"]);
  });

  test("AIS-ALB-1 fails when invalid headers pass", () => {
    const report = environmentFindings(baseInput(), (s) => resourceAt(s, "load-balancer/alb").addOverride("drop_invalid_header_fields", false));
    expect(lines(report)).toEqual(["AIS-ALB-1 test/load-balancer/alb: load balancer acme-test passes invalid header fields on"]);
  });
});

describe("AIS-ALB-2: HTTP redirects to HTTPS with a certificate", () => {
  const https = () => merge(baseInput(), { loadBalancer: { certificateArn: CERTIFICATE } });

  test("passes with the generated redirect", () => {
    expect(ids(environmentFindings(https()))).toEqual([]);
  });

  test("fails when the HTTP listener serves instead of redirecting", () => {
    const report = environmentFindings(https(), (s) =>
      resourceAt(s, "load-balancer/http-redirect").addOverride("default_action", [{ type: "fixed-response", fixed_response: { content_type: "text/plain", status_code: "200" } }]),
    );
    expect(lines(report)).toEqual(["AIS-ALB-2 test/load-balancer/http-redirect: HTTP listener on port 80 does not redirect to HTTPS"]);
  });
});

describe("AIS-ECS-2: read-only root filesystem", () => {
  test("fails when the root filesystem is writable without an opt-out", () => {
    const report = environmentFindings(baseInput(), (s) => {
      const task = resourceAt(s, "services/chat/runtime/task-definition/task");
      const definitions = JSON.parse((task as unknown as { containerDefinitionsInput: string }).containerDefinitionsInput);
      definitions[0].readonlyRootFilesystem = false;
      task.addOverride("container_definitions", JSON.stringify(definitions));
    });
    expect(lines(report)).toEqual(["AIS-ECS-2 test/services/chat/runtime/task-definition/task: container chat of acme-test-chat has a writable root filesystem"]);
  });

  test("passes when the config opts out with a reason", () => {
    const report = environmentFindings(withChat({ filesystem: { readOnlyRoot: false, reason: "the vendor image writes its config at start-up" } }));
    expect(ids(report)).toEqual([]);
  });
});

describe("AIS-IMG-1: images pinned by digest", () => {
  test("an error in production", () => {
    const report = environmentFindings(merge(productionInput(), { services: { chat: { image: "ghcr.io/acme/llm-server:1.4.2" } } }));
    expect(lines(report)).toEqual(["AIS-IMG-1 test/services/chat/runtime/task-definition/task: container chat uses ghcr.io/acme/llm-server:1.4.2, which is not pinned by digest"]);
  });

  test("a warning elsewhere", () => {
    const report = environmentFindings(baseInput());
    expect(report.errors).toEqual([]);
    expect(report.warnings.map((f) => f.rule.id)).toEqual(["AIS-IMG-1"]);
  });

  test("nothing for a pinned image", () => {
    const report = environmentFindings(withChat({ image: `ghcr.io/acme/llm-server:1.4.2${DIGEST}` }));
    expect(report.warnings).toEqual([]);
  });

  test("the metrics sidecar's image too: its default tag is an error in production, a pinned one passes", () => {
    const sidecar = (image?: string) => merge(productionInput(), { services: { chat: { metrics: { server: "vllm", ...(image ? { sidecar: { image } } : {}) } } } });
    expect(lines(environmentFindings(sidecar()))).toEqual([
      "AIS-IMG-1 test/services/chat/runtime/task-definition/task: container metrics-collector uses public.ecr.aws/aws-observability/aws-otel-collector:v0.45.1, which is not pinned by digest",
    ]);
    expect(lines(environmentFindings(sidecar(`public.ecr.aws/aws-observability/aws-otel-collector:v0.45.1${DIGEST}`)))).toEqual([]);
  });

  test("AIS-ECS-2 sees the sidecar's read-only root: a server with metrics passes", () => {
    const report = environmentFindings(merge(productionInput(), { services: { chat: { metrics: { server: "tgi", sidecar: { image: `public.ecr.aws/aws-observability/aws-otel-collector:v0.45.1${DIGEST}` } } } } }));
    expect(ids(report)).toEqual([]);
  });
});

describe("AIS-EC2-1, AIS-EC2-2: GPU instances", () => {
  const template = (stack: TerraformStack, props: Partial<ConstructorParameters<typeof LaunchTemplate>[2]>) =>
    new LaunchTemplate(stack, "gpu", { namePrefix: "gpu-", imageId: "ami-0123456789abcdef0", ...props });

  test("pass with IMDSv2 required and an encrypted root volume", () => {
    const report = bareFindings((s) =>
      template(s, {
        metadataOptions: { httpTokens: "required", httpEndpoint: "enabled" },
        blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true", volumeSize: 100 } }],
      }),
    );
    expect(ids(report)).toEqual([]);
  });

  test("AIS-EC2-1 fails when IMDSv1 is allowed", () => {
    const report = bareFindings((s) =>
      template(s, { metadataOptions: { httpTokens: "optional" }, blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true" } }] }),
    );
    expect(lines(report)).toEqual(["AIS-EC2-1 bare/gpu: launch template gpu- does not require IMDSv2"]);
  });

  test("AIS-EC2-2 fails for an unencrypted root volume", () => {
    const report = bareFindings((s) =>
      template(s, { metadataOptions: { httpTokens: "required" }, blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 100 } }] }),
    );
    expect(lines(report)).toEqual(["AIS-EC2-2 bare/gpu: launch template gpu- maps /dev/xvda unencrypted"]);
  });
});

describe("AIS-ALB-3, AIS-ALB-4, AIS-ALB-5: the production load balancer", () => {
  const located = (report: PolicyReport) => report.errors.map((f) => `${f.rule.id} ${f.location?.path}: ${f.message}`);

  test("AIS-ALB-3 fails in production when access logs are off, pointing at loadBalancer.accessLogs", () => {
    const report = environmentFindings(merge(productionInput(), { loadBalancer: { accessLogs: { enabled: false } } }));
    expect(located(report)).toEqual(["AIS-ALB-3 loadBalancer.accessLogs: load balancer acme-test does not write access logs"]);
  });

  test("AIS-ALB-3 passes outside production without access logs", () => {
    expect(ids(environmentFindings(baseInput()))).not.toContain("AIS-ALB-3");
  });

  test("AIS-ALB-4 fails for an internet-facing production load balancer without a web ACL association", () => {
    const report = environmentFindings(productionInput(), (s) => s.node.findChild("load-balancer-firewall").node.tryRemoveChild("association"));
    expect(located(report)).toEqual(["AIS-ALB-4 loadBalancer.webAcl: internet-facing load balancer acme-test has no WAF web ACL"]);
  });

  test("AIS-ALB-4 passes for an internal production load balancer without a web ACL", () => {
    const report = environmentFindings(merge(productionInput(), { loadBalancer: { internal: true, webAcl: undefined } }));
    expect(ids(report)).toEqual([]);
  });

  test("AIS-ALB-4 passes for an existing web ACL associated by ARN", () => {
    const arn = "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/edge/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0";
    expect(ids(environmentFindings(merge(productionInput(), { loadBalancer: { webAcl: { arn } } })))).toEqual([]);
  });

  test("AIS-ALB-5 fails in production with deletion protection off, pointing at loadBalancer.deletionProtection", () => {
    const report = environmentFindings(merge(productionInput(), { loadBalancer: { deletionProtection: false } }));
    expect(located(report)).toEqual(["AIS-ALB-5 loadBalancer.deletionProtection: load balancer acme-test has no deletion protection"]);
  });

  test("AIS-ALB-5 passes outside production without deletion protection", () => {
    expect(ids(environmentFindings(baseInput()))).not.toContain("AIS-ALB-5");
  });
});

describe("AIS-LOG-2, AIS-LOG-3: log groups", () => {
  test("AIS-LOG-2 fails for a log group without a customer-managed key", () => {
    const report = environmentFindings(baseInput(), (s) => resourceAt(s, "services/chat/runtime/logs/group").addOverride("kms_key_id", null));
    expect(lines(report)).toEqual(["AIS-LOG-2 test/services/chat/runtime/logs/group: log group /ecs/acme/test/chat is not encrypted with a customer-managed KMS key"]);
  });

  test("AIS-LOG-2 passes with a given key", () => {
    const report = environmentFindings(merge(baseInput(), { kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" }));
    expect(ids(report)).toEqual([]);
  });

  test("AIS-LOG-3 fails for a production log group kept less than a year", () => {
    const report = environmentFindings(productionInput(), (s) => resourceAt(s, "services/chat/runtime/logs/group").addOverride("retention_in_days", 90));
    expect(lines(report)).toEqual(["AIS-LOG-3 test/services/chat/runtime/logs/group: log group /ecs/acme/test/chat keeps logs 90 days, less than 365"]);
  });

  test("AIS-LOG-3 passes outside production with a short retention", () => {
    expect(ids(environmentFindings(merge(baseInput(), { logRetentionDays: 7 })))).toEqual([]);
  });

  test("AIS-LOG-3 cannot check a retention Terraform computes", () => {
    const report = environmentFindings(productionInput(), (s) => resourceAt(s, "services/chat/runtime/logs/group").addOverride("retention_in_days", "${var.days}"));
    expect(lines(report).filter((l) => l.startsWith("AIS-LOG-3"))).toEqual([
      "AIS-LOG-3 test/services/chat/runtime/logs/group: cannot check aws_cloudwatch_log_group test/services/chat/runtime/logs/group: retention_in_days is computed by Terraform (${var.days})",
    ]);
  });
});

describe("AIS-SQS-1, AIS-SNS-1, AIS-KMS-1: customer-managed keys", () => {
  test("AIS-SQS-1 fails for a queue on the AWS managed SQS key", () => {
    const report = environmentFindings(withWorker(), (s) => resourceAt(s, "services/jobs/queue/queue").addOverride("kms_master_key_id", "alias/aws/sqs"));
    expect(lines(report)).toEqual(["AIS-SQS-1 test/services/jobs/queue/queue: queue acme-test-jobs is not encrypted with a customer-managed KMS key"]);
  });

  test("AIS-SQS-1 fails for a queue on SQS-managed keys", () => {
    const report = environmentFindings(withWorker(), (s) => {
      const dlq = resourceAt(s, "services/jobs/queue/dead-letter");
      dlq.addOverride("kms_master_key_id", null);
      dlq.addOverride("sqs_managed_sse_enabled", true);
    });
    expect(lines(report)).toEqual(["AIS-SQS-1 test/services/jobs/queue/dead-letter: queue acme-test-jobs-dlq is not encrypted with a customer-managed KMS key"]);
  });

  test("AIS-SNS-1 fails for a topic without a key, and for the AWS managed SNS key", () => {
    const report = bareFindings((s) => {
      new SnsTopic(s, "plain", { name: "plain" });
      new SnsTopic(s, "aws-key", { name: "aws-key", kmsMasterKeyId: "alias/aws/sns" });
    });
    expect(lines(report)).toEqual([
      "AIS-SNS-1 bare/plain: topic plain is not encrypted with a customer-managed KMS key",
      "AIS-SNS-1 bare/aws-key: topic aws-key is not encrypted with a customer-managed KMS key",
    ]);
  });

  test("AIS-SNS-1 fails for the alert topic on the AWS managed SNS key, pointing at kmsKeyArn", () => {
    const report = environmentFindings(baseInput(), (s) => resourceAt(s, "alerts/topic").addOverride("kms_master_key_id", "alias/aws/sns"));
    expect(report.errors.map((f) => `${f.rule.id} ${f.path} ${f.location?.path}: ${f.message}`)).toEqual([
      "AIS-SNS-1 test/alerts/topic kmsKeyArn: topic acme-test-alerts is not encrypted with a customer-managed KMS key",
    ]);
  });

  test("AIS-KMS-1 fails for the environment key without rotation", () => {
    const report = environmentFindings(baseInput(), (s) => resourceAt(s, "key/key").addOverride("enable_key_rotation", false));
    expect(lines(report)).toEqual(["AIS-KMS-1 test/key/key: key Encrypts the logs, queues and alerts of acme test does not rotate"]);
  });
});
