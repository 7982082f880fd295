import type { ResolvedResource } from "../resource-index";
import { CannotCheck, checkedAtPlan, isTerraformReference } from "../inspect";
import { PolicyRule } from "../rule";

/** AIS-NET-1: in production no task gets a public IP address. */
export class NoPublicTaskIpInProduction extends PolicyRule {
  public readonly id = "AIS-NET-1";
  public readonly description = "no task has a public IP in an environment marked production: true";
  public readonly hint = "use network mode existing with private subnets (and a NAT gateway or VPC endpoints for image pulls)";
  public readonly resourceTypes = ["aws_ecs_service"];
  public readonly configField = "/network.mode";

  public check(service: ResolvedResource): string[] {
    const assign = service.props.network_configuration?.assign_public_ip;
    if (this.context.production && isTerraformReference(assign)) {
      // A choice Terraform computes passes when the service checks it at plan time (the module's precondition).
      if (checkedAtPlan(service, this.id, assign)) return [];
      throw new CannotCheck(`assign_public_ip is computed by Terraform (${assign})`);
    }
    const publicIp = assign === true;
    return this.context.production && publicIp ? [`service ${service.props.name} assigns public IPs to its tasks`] : [];
  }
}
