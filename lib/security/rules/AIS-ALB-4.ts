import { attachedTo, CannotCheck, isTerraformReference } from "../inspect";
import type { ResolvedResource, ResourceIndex } from "../resource-index";
import { PolicyRule } from "../rule";

/** AIS-ALB-4: in production, an internet-facing load balancer sits behind a WAF web ACL (managed rules, a rate limit). */
export class InternetFacingLoadBalancerFirewalled extends PolicyRule {
  public readonly id = "AIS-ALB-4";
  public readonly description = "internet-facing load balancers in an environment marked production: true are associated with a WAF web ACL";
  public readonly hint = "set loadBalancer.webAcl: {} (a web ACL the stack creates) or loadBalancer.webAcl.arn (an existing regional one)";
  public readonly resourceTypes = ["aws_lb"];
  public readonly configField = "webAcl";

  public check(lb: ResolvedResource, index: ResourceIndex): string[] {
    if (!this.context.production) return [];
    const internal = lb.props.internal;
    if (isTerraformReference(internal)) throw new CannotCheck(`internal is computed by Terraform (${internal})`);
    if (internal === true || (lb.props.load_balancer_type ?? "application") !== "application") return [];
    const associated = attachedTo(index, "aws_wafv2_web_acl_association", "resource_arn", lb.address).some((a) => typeof a.props.web_acl_arn === "string" && a.props.web_acl_arn !== "");
    return associated ? [] : [`internet-facing load balancer ${lb.props.name} has no WAF web ACL`];
  }
}
