import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import type { LoadBalancerConfig } from "../config/schema";

export interface SharedLoadBalancerProps {
  /** Load balancer name (at most 32 characters; checked by the config schema). */
  readonly name: string;
  /** Security group name. */
  readonly securityGroupName: string;
  readonly vpcId: string;
  readonly subnetIds: string[];
  /** The environment's loadBalancer section. */
  readonly config: LoadBalancerConfig;
  /** Turns on deletion protection. @default false */
  readonly deletionProtection?: boolean;
  /** Where the access logs go. @default none: no access logs */
  readonly accessLogs?: LoadBalancerAccessLogs;
}

export interface LoadBalancerAccessLogs {
  /** The bucket's name. */
  readonly bucket: string;
  /** Key prefix of the logs. @default none */
  readonly prefix?: string;
  /**
   * What must exist before logging is turned on: the bucket's policy (Elastic Load Balancing
   * checks it may write when access logs are enabled). @default nothing (an existing bucket)
   */
  readonly after?: ITerraformDependable;
}

const NOT_FOUND = {
  type: "fixed-response",
  fixedResponse: { contentType: "application/json", statusCode: "404", messageBody: '{"error":"no service routes this request"}' },
};

/**
 * The Application Load Balancer an environment's web services share: listener on 80
 * (redirecting to 443 when a certificate is configured), security group open on the
 * listener ports to the configured CIDRs only, deletion protection and access logs as
 * configured. Services attach with a target group and a listener rule on {@link listener},
 * and {@link allowTrafficTo} opens the path to them.
 */
export class SharedLoadBalancer extends Construct {
  public readonly loadBalancer: Lb;
  public readonly securityGroup: SecurityGroup;
  /** The listener services add their rules to: HTTPS when a certificate is configured, else HTTP. */
  public readonly listener: LbListener;
  /** "https" or "http": the scheme of the service URLs. */
  public readonly scheme: "http" | "https";
  /** Ports open to the configured CIDRs. */
  public readonly listenerPorts: readonly number[];

  constructor(scope: Construct, id: string, props: SharedLoadBalancerProps) {
    super(scope, id);
    const config = props.config;
    const https = config.certificateArn !== undefined;
    this.scheme = https ? "https" : "http";
    this.listenerPorts = https ? [80, 443] : [80];

    this.securityGroup = new SecurityGroup(this, "security-group", {
      name: props.securityGroupName,
      description: "Load balancer: listener ports from the allowed networks",
      vpcId: props.vpcId,
      tags: { Name: props.securityGroupName },
    });
    for (const port of this.listenerPorts) {
      config.allowedCidrs.forEach((cidr, index) => {
        new VpcSecurityGroupIngressRule(this, `ingress-${port}-${index}`, {
          securityGroupId: this.securityGroup.id,
          description: `Listener port ${port}`,
          ipProtocol: "tcp",
          fromPort: port,
          toPort: port,
          ...(cidr.includes(":") ? { cidrIpv6: cidr } : { cidrIpv4: cidr }),
        });
      });
    }

    this.loadBalancer = new Lb(this, "alb", {
      name: props.name,
      loadBalancerType: "application",
      internal: config.internal,
      securityGroups: [this.securityGroup.id],
      subnets: props.subnetIds,
      idleTimeout: config.idleTimeoutSeconds,
      dropInvalidHeaderFields: true,
      enableDeletionProtection: props.deletionProtection ?? false,
      ...(props.accessLogs
        ? {
            accessLogs: { bucket: props.accessLogs.bucket, enabled: true, ...(props.accessLogs.prefix ? { prefix: props.accessLogs.prefix } : {}) },
            ...(props.accessLogs.after ? { dependsOn: [props.accessLogs.after] } : {}),
          }
        : {}),
    });

    if (https) {
      new LbListener(this, "http-redirect", {
        loadBalancerArn: this.loadBalancer.arn,
        port: 80,
        protocol: "HTTP",
        defaultAction: [{ type: "redirect", redirect: { port: "443", protocol: "HTTPS", statusCode: "HTTP_301" } }],
      });
      this.listener = new LbListener(this, "https", {
        loadBalancerArn: this.loadBalancer.arn,
        port: 443,
        protocol: "HTTPS",
        certificateArn: config.certificateArn,
        sslPolicy: config.sslPolicy,
        defaultAction: [NOT_FOUND],
      });
    } else {
      this.listener = new LbListener(this, "http", {
        loadBalancerArn: this.loadBalancer.arn,
        port: 80,
        protocol: "HTTP",
        defaultAction: [NOT_FOUND],
      });
    }
  }

  /**
   * Lets the load balancer reach a service's container port: egress from the load
   * balancer's group and ingress into the service's group, each naming the other.
   */
  public allowTrafficTo(id: string, serviceSecurityGroupId: string, port: number): void {
    new VpcSecurityGroupEgressRule(this, `egress-${id}`, {
      securityGroupId: this.securityGroup.id,
      description: `To service ${id}`,
      ipProtocol: "tcp",
      fromPort: port,
      toPort: port,
      referencedSecurityGroupId: serviceSecurityGroupId,
    });
    new VpcSecurityGroupIngressRule(this, `ingress-to-${id}`, {
      securityGroupId: serviceSecurityGroupId,
      description: "From the load balancer",
      ipProtocol: "tcp",
      fromPort: port,
      toPort: port,
      referencedSecurityGroupId: this.securityGroup.id,
    });
  }
}
