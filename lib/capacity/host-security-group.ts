import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { Construct } from "constructs";

export interface HostSecurityGroupProps {
  /** Security group name. */
  readonly name: string;
  readonly vpcId: string;
  /** Whose hosts these are, for the description. */
  readonly owner: string;
}

/**
 * The security group of GPU container instances: outbound only (ECS, image pulls, SSM).
 * Tasks use awsvpc networking, so the service's own security group guards their traffic;
 * nothing needs to reach the instance itself.
 */
export class HostSecurityGroup extends Construct {
  public readonly securityGroup: SecurityGroup;

  constructor(scope: Construct, id: string, props: HostSecurityGroupProps) {
    super(scope, id);
    this.securityGroup = new SecurityGroup(this, "group", {
      name: props.name,
      description: `GPU instances of ${props.owner}: outbound only`,
      vpcId: props.vpcId,
      tags: { Name: props.name },
    });
    new VpcSecurityGroupEgressRule(this, "egress", {
      securityGroupId: this.securityGroup.id,
      description: "ECS agent, image pulls, SSM",
      ipProtocol: "-1",
      cidrIpv4: "0.0.0.0/0",
    });
  }
}
