import { CannotCheck, isTerraformReference } from "../inspect";
import type { ResolvedResource } from "../resource-index";
import { PolicyRule } from "../rule";

/** AIS-ALB-5: in production, a stray destroy cannot take the load balancer (and every service's endpoint) away. */
export class LoadBalancerDeletionProtected extends PolicyRule {
  public readonly id = "AIS-ALB-5";
  public readonly description = "load balancers in an environment marked production: true have deletion protection";
  public readonly hint = "keep loadBalancer.deletionProtection true (the production default)";
  public readonly resourceTypes = ["aws_lb"];
  public readonly configField = "deletionProtection";

  public check(lb: ResolvedResource): string[] {
    if (!this.context.production) return [];
    const protectedFromDeletion = lb.props.enable_deletion_protection;
    if (isTerraformReference(protectedFromDeletion)) throw new CannotCheck(`enable_deletion_protection is computed by Terraform (${protectedFromDeletion})`);
    return protectedFromDeletion === true ? [] : [`load balancer ${lb.props.name} has no deletion protection`];
  }
}
