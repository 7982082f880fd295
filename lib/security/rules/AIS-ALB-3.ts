import { CannotCheck, isTerraformReference } from "../inspect";
import type { ResolvedResource } from "../resource-index";
import { PolicyRule } from "../rule";

/** AIS-ALB-3: in production, every request the load balancer handled is on record (who, what, when, how it ended). */
export class LoadBalancerAccessLogged extends PolicyRule {
  public readonly id = "AIS-ALB-3";
  public readonly description = "load balancers in an environment marked production: true write access logs to S3";
  public readonly hint = "keep loadBalancer.accessLogs on (the production default), in a bucket the stack creates or accessLogs.existingBucket";
  public readonly resourceTypes = ["aws_lb"];
  public readonly configField = "accessLogs";

  public check(lb: ResolvedResource): string[] {
    if (!this.context.production) return [];
    const logs = lb.props.access_logs;
    if (isTerraformReference(logs?.enabled)) throw new CannotCheck(`access_logs.enabled is computed by Terraform (${logs.enabled})`);
    const on = logs?.enabled === true && typeof logs.bucket === "string" && logs.bucket !== "";
    return on ? [] : [`load balancer ${lb.props.name} does not write access logs`];
  }
}
