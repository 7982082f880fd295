import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Construct } from "constructs";
import type { HclExpression } from "../hcl/hcl-expression";
import { onlyWhen } from "../hcl/plan-time";
import { assumeRolePolicy, PolicyStatement, renderPolicy } from "./policy-document";

export interface TaskRoleProps {
  /** IAM role name. */
  readonly name: string;
  /**
   * What the container's code may call.
   * @default none: the role has no permissions
   */
  readonly statements?: readonly PolicyStatement[];
  /**
   * Permissions that exist only when a condition Terraform decides at plan time holds (the
   * module's optional metrics sidecar), each an inline policy of its own. @default none
   */
  readonly conditionalPolicies?: readonly ConditionalTaskPolicy[];
}

/** An inline policy of the task role that Terraform creates only when its condition holds. */
export interface ConditionalTaskPolicy {
  /** The inline policy's name, unique on the role. */
  readonly name: string;
  readonly when: HclExpression;
  readonly statements: readonly PolicyStatement[];
}

/** The role the container's code runs as; it has no permissions unless given statements. */
export class TaskRole extends Construct {
  public readonly role: IamRole;
  /** The role's permissions; none when it has no statements. */
  public readonly policy?: IamRolePolicy;
  /** The inline policies that exist only under their plan-time condition. */
  public readonly conditionalPolicies: IamRolePolicy[] = [];

  constructor(scope: Construct, id: string, props: TaskRoleProps) {
    super(scope, id);
    this.role = new IamRole(this, "role", {
      name: props.name,
      description: "ECS task role: what the service's code may call",
      assumeRolePolicy: assumeRolePolicy("ecs-tasks.amazonaws.com"),
    });
    const statements = props.statements ?? [];
    if (statements.length > 0) {
      this.policy = new IamRolePolicy(this, "policy", {
        name: "task-permissions",
        role: this.role.id,
        policy: renderPolicy({ Statement: statements }),
      });
    }
    for (const conditional of props.conditionalPolicies ?? []) {
      const policy = new IamRolePolicy(this, `policy-${conditional.name}`, {
        name: conditional.name,
        role: this.role.id,
        policy: renderPolicy({ Statement: conditional.statements }),
      });
      onlyWhen(conditional.when, policy);
      this.conditionalPolicies.push(policy);
    }
  }
}
