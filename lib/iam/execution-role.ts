import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { Construct } from "constructs";
import { SECRET_ARN_SUFFIX, SECRET_ARN_WILDCARD, secretResourceArn, SECRETS_MANAGER_ARN } from "../aws/formats";
import { HclExpression } from "../hcl/hcl-expression";
import { hclString } from "../hcl/template";
import { assumeRolePolicy, partitionOf, PolicyStatement, renderPolicy } from "./policy-document";

export interface ExecutionRoleProps {
  /** IAM role name. */
  readonly name: string;
  /** Region of the environment (selects the partition of the managed policy ARN). */
  readonly region: string;
  /** AWS partition of the managed policy ARN (e.g. a `data.aws_partition` reference). @default the partition of `region` */
  readonly partition?: string;
  /**
   * Secret references (Secrets Manager or SSM parameter ARNs) the container is given;
   * the role may read exactly these. An expression (a list Terraform computes) gets one
   * statement for both services, created only when the list is not empty.
   * @default none: no secret-reading policy is created
   */
  readonly secretArns?: readonly string[] | HclExpression;
}

/**
 * The role ECS itself uses to start a task: pull the image, write logs, and read the
 * task's secrets. Separate from the task role, which is what the container's code uses.
 */
export class ExecutionRole extends Construct {
  public readonly role: IamRole;

  constructor(scope: Construct, id: string, props: ExecutionRoleProps) {
    super(scope, id);

    this.role = new IamRole(this, "role", {
      name: props.name,
      description: "ECS task execution role: image pull, logs, secrets",
      assumeRolePolicy: assumeRolePolicy("ecs-tasks.amazonaws.com"),
    });
    new IamRolePolicyAttachment(this, "managed", {
      role: this.role.name,
      policyArn: `arn:${props.partition ?? partitionOf(props.region)}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy`,
    });

    if (HclExpression.isHclExpression(props.secretArns)) {
      const arns = props.secretArns.text;
      new IamRolePolicy(this, "secrets", {
        count: HclExpression.of(`length(${arns}) > 0 ? 1 : 0`).asNumber(),
        name: "read-task-secrets",
        role: this.role.id,
        policy: renderPolicy({ Statement: [secretStatementFor(props.secretArns)] }),
      });
      return;
    }
    const statements = secretStatements(props.secretArns ?? []);
    if (statements.length > 0) {
      new IamRolePolicy(this, "secrets", {
        name: "read-task-secrets",
        role: this.role.id,
        policy: renderPolicy({ Statement: statements }),
      });
    }
  }
}

/**
 * Read access to secret references Terraform computes: the secret or parameter ARNs
 * (the first seven `:` fields, dropping a Secrets Manager JSON-key suffix, and a partial
 * Secrets Manager ARN completed with `-??????`, as {@link secretResourceArn} does) for
 * GetSecretValue and GetParameters.
 */
export function secretStatementFor(references: HclExpression): PolicyStatement {
  const full = `join(":", slice(split(":", ref), 0, min(7, length(split(":", ref)))))`;
  // A partial Secrets Manager ARN (no -XXXXXX) as `<arn>-??????`, as secretResourceArn writes it.
  const arn = `can(regex(":secretsmanager:", ref)) && !can(regex(${hclString(SECRET_ARN_SUFFIX.source)}, ${full})) ? "\${${full}}${SECRET_ARN_WILDCARD}" : ${full}`;
  return {
    Sid: "ReadSecrets",
    Action: ["secretsmanager:GetSecretValue", "ssm:GetParameters"],
    Resource: HclExpression.of(`distinct([for ref in ${references.text} : ${arn}])`),
  };
}

/** Read access to exactly the given secrets: GetSecretValue for Secrets Manager, GetParameters for SSM. */
export function secretStatements(references: readonly string[]): PolicyStatement[] {
  const unique = (values: string[]) => [...new Set(values)].sort();
  const secrets = unique(references.filter((r) => SECRETS_MANAGER_ARN.test(r)).map(secretResourceArn));
  const parameters = unique(references.filter((r) => !SECRETS_MANAGER_ARN.test(r)));
  const statements: PolicyStatement[] = [];
  if (secrets.length > 0) {
    statements.push({ Sid: "ReadSecrets", Action: "secretsmanager:GetSecretValue", Resource: secrets });
  }
  if (parameters.length > 0) {
    statements.push({ Sid: "ReadParameters", Action: "ssm:GetParameters", Resource: parameters });
  }
  return statements;
}
