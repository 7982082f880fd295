import { Wafv2WebAclAssociation } from "@cdktf/provider-aws/lib/wafv2-web-acl-association";
import { Construct } from "constructs";
import type { WebAclConfig } from "../config/schema";
import { ManagedWebAcl } from "./managed-web-acl";

export interface LoadBalancerFirewallProps {
  /** The load balancer the web ACL filters. */
  readonly loadBalancerArn: string;
  /** An existing web ACL, or the settings of one to create. */
  readonly webAcl: WebAclConfig;
  /** Name of the web ACL to create (unused for an existing one). */
  readonly name: string;
}

/**
 * A WAF web ACL in front of a load balancer: the one the config names, or a {@link ManagedWebAcl}
 * the stack creates, associated with the load balancer.
 */
export class LoadBalancerFirewall extends Construct {
  /** The web ACL the stack created, if it created one. */
  public readonly managed?: ManagedWebAcl;
  public readonly association: Wafv2WebAclAssociation;

  constructor(scope: Construct, id: string, props: LoadBalancerFirewallProps) {
    super(scope, id);
    const { webAcl } = props;
    if (webAcl.kind === "managed") {
      this.managed = new ManagedWebAcl(this, "managed", { name: props.name, rateLimit: webAcl.rateLimit, rateLimitWindowSeconds: webAcl.rateLimitWindowSeconds });
    }
    this.association = new Wafv2WebAclAssociation(this, "association", {
      resourceArn: props.loadBalancerArn,
      webAclArn: webAcl.kind === "managed" ? this.managed!.webAcl.arn : webAcl.arn,
    });
    this.node.defaultChild = this.association;
  }
}
