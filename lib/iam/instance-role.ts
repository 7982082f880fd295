import { IamInstanceProfile } from "@cdktf/provider-aws/lib/iam-instance-profile";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { Construct } from "constructs";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { assumeRolePolicy, partitionOf, PolicyStatement, renderPolicy } from "./policy-document";

export interface InstanceRoleProps {
  /** Name of the IAM role and of its instance profile. */
  readonly name: string;
  /** Region of the environment (selects the partition of the managed policy ARNs). */
  readonly region: string;
  /** AWS managed policies attached to the role, by the path after `policy/`, e.g. "AmazonSSMManagedInstanceCore". */
  readonly managedPolicies: readonly string[];
  /** @default "EC2 instance role" */
  readonly description?: string;
  /** What the instances' own agents may call, as an inline policy. @default none */
  readonly statements?: readonly PolicyStatement[];
}

/** The role of EC2 container instances (the ECS agent runs as it), with its instance profile. */
export class InstanceRole extends Construct {
  public readonly role: IamRole;
  public readonly instanceProfile: IamInstanceProfile;

  constructor(scope: Construct, id: string, props: InstanceRoleProps) {
    super(scope, id);
    this.role = new IamRole(this, "role", {
      name: props.name,
      description: props.description ?? "EC2 instance role",
      assumeRolePolicy: assumeRolePolicy("ec2.amazonaws.com"),
    });
    for (const policy of props.managedPolicies) {
      new IamRolePolicyAttachment(this, policy.replace(/[^A-Za-z0-9]/g, "-"), {
        role: this.role.name,
        policyArn: `arn:${partitionOf(props.region)}:iam::aws:policy/${policy}`,
      });
    }
    if (props.statements?.length) {
      new IamRolePolicy(this, "policy", { name: "instance-agents", role: this.role.id, policy: renderPolicy({ Statement: props.statements }) });
    }
    this.instanceProfile = new IamInstanceProfile(this, "profile", { name: props.name, role: this.role.name });
  }
}
