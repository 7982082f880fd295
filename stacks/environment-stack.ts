import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3Backend, TerraformElement, TerraformOutput } from "cdktf";
import { SelfContainedStack } from "../lib/app/self-contained-stack";
// cdktf's own address scheme (a readable path and a hash of it), applied to the path below.
import { makeUniqueId } from "cdktf/lib/private/unique";
import { Construct, Node } from "constructs";
import { ENVIRONMENT_CONSTRUCT_IDS as IDS, ENVIRONMENT_OUTPUTS, environmentAddressPath, serviceOutputName } from "../lib/app/stack-ids";
import { Cluster } from "../lib/cluster/cluster";
import { names, stateNames } from "../lib/aws/names";
import type { EnvironmentConfig, ServiceConfig } from "../lib/config/schema";
import { AccountContext } from "../lib/iam/account";
import { EnvironmentKey } from "../lib/kms/environment-key";
import { LoadBalancerAccessLogs, SharedLoadBalancer } from "../lib/lb/load-balancer";
import { LoadBalancerFirewall } from "../lib/lb/load-balancer-firewall";
import { LoadBalancerLogBucket } from "../lib/lb/load-balancer-log-bucket";
import { AlertTopic } from "../lib/observability/alert-topic";
import type { DashboardService } from "../lib/observability/dashboard-body";
import { EnvironmentDashboard } from "../lib/observability/environment-dashboard";
import { ServiceAlarms } from "../lib/observability/service-alarms";
import { dashboardService } from "../lib/observability/dashboard-services";
import { Network } from "../lib/network/network";
import { applyPolicy } from "../lib/security/apply-policy";
import { markConfigSource } from "../lib/security/config-source";
import { environmentSuppressions, ScannerSuppression, ScannerSuppressionSource } from "../lib/security/scanner-files";
import { requireTerraformVersion } from "../lib/state/terraform-version";
import { QueueWorker } from "../lib/service/queue-worker";
import { WebService } from "../lib/service/web-service";
import { routeMatch } from "../lib/lb/service-route";
import { serviceSpec } from "./service-spec";

export interface EnvironmentStackProps {
  /** The validated environment config (from `config/<env>.yaml`). */
  readonly config: EnvironmentConfig;
}

/** The S3 state key of an environment. */
export function stateKey(environment: string): string {
  return `ecs-ai-autoscaling/${environment}/terraform.tfstate`;
}

/** Tags on every resource of a stack. */
export function defaultTags(config: Pick<EnvironmentConfig, "project" | "tags">, environment: string): Record<string, string> {
  return { ...config.tags, Project: config.project, Environment: environment, ManagedBy: "ecs-ai-autoscaling" };
}

/**
 * One environment: provider, S3 backend, the environment's KMS key, network, cluster, shared load
 * balancer (with its access log bucket and web ACL) and every service.
 */
export class EnvironmentStack extends SelfContainedStack implements ScannerSuppressionSource {
  /** The validated config the stack was built from. */
  public readonly config: EnvironmentConfig;
  /** The key the stack created, when the config names none (`kmsKeyArn`). */
  public readonly environmentKey?: EnvironmentKey;
  /**
   * ARN of the customer-managed KMS key that encrypts the environment's log groups and queues;
   * its policy also lets CloudWatch alarms publish to a topic it encrypts (for the alert topic).
   */
  public readonly kmsKeyArn: string;

  constructor(scope: Construct, id: string, props: EnvironmentStackProps) {
    super(scope, id);
    const config = props.config;
    this.config = config;
    const naming = { project: config.project, environment: config.environment };

    new AwsProvider(this, IDS.provider, {
      region: config.region,
      defaultTags: [{ tags: defaultTags(config, config.environment) }],
      // Terraform refuses credentials of another account; an assumed role's are what it checks.
      ...(config.accountId !== undefined ? { allowedAccountIds: [config.accountId] } : {}),
      ...(config.assumeRoleArn !== undefined ? { assumeRole: [{ roleArn: config.assumeRoleArn }] } : {}),
    });

    const backend = new S3Backend(this, {
      bucket: config.state.bucket,
      key: stateKey(config.environment),
      region: config.state.region,
      encrypt: true,
      // With the state stack's KMS key, state objects are written with it (the alias it creates).
      ...(config.state.encryption === "kms" ? { kmsKeyId: stateNames.keyAlias(config.state.bucket) } : {}),
      ...(config.state.dynamodbTable ? { dynamodbTable: config.state.dynamodbTable } : {}),
    });
    // cdktf 0.21's S3Backend has no useLockfile; Terraform >= 1.10 locks with a lock file in the bucket.
    backend.addOverride("use_lockfile", true);
    requireTerraformVersion(this);

    applyPolicy(this, { production: config.production, suppressions: config.policy.suppressions });
    // Security findings name the YAML that causes them: each part of the stack knows its config section.
    const source = (construct: Construct, path: string) => markConfigSource(construct, { file: config.file, path, lines: config.lines });
    source(this, "");

    const account = new AccountContext(this, IDS.account);
    if (config.kmsKeyArn === undefined) {
      this.environmentKey = new EnvironmentKey(this, IDS.key, {
        alias: names.keyAlias(naming),
        region: config.region,
        accountId: account.accountId,
        partition: account.partition,
        logGroupPrefix: names.logGroupPrefix(naming),
        description: `Encrypts the logs, queues and alerts of ${config.project} ${config.environment}`,
      });
      source(this.environmentKey, "kmsKeyArn");
    }
    this.kmsKeyArn = config.kmsKeyArn ?? this.environmentKey!.arn;

    const network = new Network(this, IDS.network, {
      config: config.network,
      internalLoadBalancer: config.loadBalancer.internal,
    });
    source(network, "network");
    const cluster = new Cluster(this, IDS.cluster, { name: names.cluster(naming) });

    // The shared load balancer exists only when some service is a web service.
    let loadBalancer: SharedLoadBalancer | undefined;
    const lbConfig = config.loadBalancer;
    const accessLogs = (): LoadBalancerAccessLogs | undefined => {
      const { enabled, existingBucket, bucket, prefix } = lbConfig.accessLogs;
      if (!enabled) return undefined;
      if (existingBucket !== undefined) return { bucket: existingBucket, prefix };
      const logs = new LoadBalancerLogBucket(this, IDS.loadBalancerLogs, {
        bucket: bucket ?? names.loadBalancerLogBucket(naming, account.accountId),
        region: config.region,
        partition: account.partition,
        accountId: account.accountId,
        prefix,
        preventDestroy: lbConfig.deletionProtection,
      });
      source(logs, "loadBalancer.accessLogs");
      return { bucket: logs.bucketName, prefix, after: logs.logs.policy };
    };
    const sharedLoadBalancer = () =>
      (loadBalancer ??= (() => {
        const created = new SharedLoadBalancer(this, IDS.loadBalancer, {
          name: names.loadBalancer(naming),
          securityGroupName: names.loadBalancerSecurityGroup(naming),
          vpcId: network.vpcId,
          subnetIds: network.loadBalancerSubnetIds,
          config: lbConfig,
          deletionProtection: lbConfig.deletionProtection,
          accessLogs: accessLogs(),
        });
        source(created, "loadBalancer");
        if (lbConfig.webAcl) {
          const firewall = new LoadBalancerFirewall(this, IDS.loadBalancerFirewall, {
            loadBalancerArn: created.loadBalancer.arn,
            webAcl: lbConfig.webAcl,
            name: names.webAcl(naming),
          });
          source(firewall, "loadBalancer.webAcl");
        }
        // For the DNS records (an alias record needs both) that host-based routes rely on.
        new TerraformOutput(this, ENVIRONMENT_OUTPUTS.loadBalancerDnsName, { value: created.loadBalancer.dnsName, description: "DNS name of the shared load balancer" });
        new TerraformOutput(this, ENVIRONMENT_OUTPUTS.loadBalancerZoneId, { value: created.loadBalancer.zoneId, description: "Route 53 hosted zone id of the shared load balancer, for alias records" });
        return created;
      })());

    new TerraformOutput(this, ENVIRONMENT_OUTPUTS.clusterName, { value: cluster.cluster.name, description: "ECS cluster name" });
    const context = { config, cluster, network, kmsKeyArn: this.kmsKeyArn };
    // Services in a scope of their own: no service name can meet the stack's own construct ids (lib/app/stack-ids.ts).
    const services = new Construct(this, IDS.services);
    const { observability } = config;
    // One alert topic per environment, encrypted with the environment key, when some service has alarms.
    const alerts = Object.values(config.services).some((s) => s.alarms.enabled)
      ? new AlertTopic(this, IDS.alerts, {
          name: names.alertTopic(naming),
          kmsKeyArn: this.kmsKeyArn,
          emails: observability.alerts.email,
          otherTopicArns: observability.alerts.topicArns,
        })
      : undefined;
    if (alerts) source(alerts, "observability.alerts");
    const dashboardServices: DashboardService[] = [];
    /** A service's alarms (under its construct, with an output of their ARNs) and its dashboard row. */
    const observe = (
      scope: Construct,
      name: string,
      service: ServiceConfig,
      web?: { loadBalancer: string; targetGroup: string; alternateTargetGroup?: string },
      worker?: { queueName: string; deadLetterQueueName: string },
    ) => {
      if (alerts && service.alarms.enabled) {
        const alarms = new ServiceAlarms(scope, "alarms", {
          namePrefix: names.scalingPrefix(naming, name),
          clusterName: names.cluster(naming),
          serviceName: names.service(naming, name),
          max: service.scaling.max,
          thresholds: service.alarms,
          actions: alerts.actions,
          web,
          worker,
        });
        new TerraformOutput(this, serviceOutputName(name, "alarmArns"), { value: alarms.alarmArns, description: `Alarms of ${name} (for deployment rollbacks)` });
      }
      dashboardServices.push(dashboardService(config, name, service, web));
    };
    for (const [name, service] of Object.entries(config.services)) {
      const output = (what: Parameters<typeof serviceOutputName>[1], value: string, description: string) =>
        new TerraformOutput(this, serviceOutputName(name, what), { value, description });
      if (service.kind === "web") {
        const web = new WebService(services, name, {
          spec: serviceSpec(context, name, service, `Service ${name}: container port from the load balancer only`),
          route: {
            targetGroupName: names.targetGroup(naming, name),
            vpcId: network.vpcId,
            service,
            priority: service.routing.priority,
            ...(service.deployment.strategy !== "rolling" ? { alternateTargetGroupName: names.alternateTargetGroup(naming, name) } : {}),
            ...routeMatch(service.routing),
          },
          loadBalancer: sharedLoadBalancer(),
          healthCheckGracePeriodSeconds: service.healthCheckGracePeriodSeconds,
          routing: service.routing,
        });
        source(web, `services.${name}`);
        output("url", web.url, `URL of service ${name}`);
        output("serviceName", web.serviceName, `ECS service name of ${name}`);
        output("logGroup", web.logGroupName, `Log group of ${name}`);
        const lb = {
          loadBalancer: sharedLoadBalancer().loadBalancer.arnSuffix,
          targetGroup: web.route.targetGroup.arnSuffix,
          ...(web.route.alternateTargetGroup ? { alternateTargetGroup: web.route.alternateTargetGroup.arnSuffix } : {}),
        };
        observe(web, name, service, lb);
      } else {
        const worker = new QueueWorker(services, name, {
          spec: serviceSpec(context, name, service, `Worker ${name}: no inbound traffic`),
          queue: {
            name: names.queue(naming, name),
            deadLetterName: names.deadLetterQueue(naming, name),
            config: service.queue,
            encryption: { kmsKeyArn: this.kmsKeyArn, region: config.region },
          },
          urlVariable: service.queue.urlVariable,
        });
        source(worker, `services.${name}`);
        output("queueUrl", worker.queueUrl, `SQS queue URL of worker ${name}`);
        output("deadLetterQueueUrl", worker.deadLetterQueueUrl, `Dead-letter queue URL of worker ${name}`);
        output("serviceName", worker.serviceName, `ECS service name of ${name}`);
        output("logGroup", worker.logGroupName, `Log group of ${name}`);
        observe(worker, name, service, undefined, { queueName: names.queue(naming, name), deadLetterQueueName: names.deadLetterQueue(naming, name) });
      }
    }
    if (observability.dashboard) {
      const dashboard = new EnvironmentDashboard(this, IDS.dashboard, { name: names.dashboard(naming), region: config.region, services: dashboardServices });
      new TerraformOutput(this, ENVIRONMENT_OUTPUTS.dashboardUrl, { value: dashboard.url, description: "CloudWatch dashboard of the environment" });
    }
  }

  /** Terraform addresses from the construct path, as cdktf makes them, with the services scope left out where it can be (lib/app/stack-ids.ts). */
  protected allocateLogicalId(element: TerraformElement | Node): string {
    const node = TerraformElement.isTerraformElement(element) ? element.node : element;
    const path = node.scopes.slice(node.scopes.indexOf(this) + 1).map((scope) => scope.node.id);
    return path.length > 0 ? makeUniqueId(environmentAddressPath(path)) : "";
  }

  /** The scanner checks this environment skips: its trade-offs and its suppressed rules (written beside the stack by the synth). */
  public scannerSuppressions(): readonly ScannerSuppression[] {
    return environmentSuppressions(this.config);
  }
}
