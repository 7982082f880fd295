import { secretResourceArn } from "../../aws/formats";
import { CannotCheck, containersOf, isComputed, isTerraformReference, statementsOf, variablesIn } from "../inspect";
import type { ResolvedResource, ResourceIndex } from "../resource-index";
import { referencedAddresses } from "../resource-index";
import { PolicyRule } from "../rule";

const SECRET_ACTION = /^(secretsmanager:(GetSecretValue|\*|Get\*)|ssm:(GetParameters?|GetParametersByPath|\*|Get\*)|\*)$/;

/** AIS-IAM-2: an execution role reads exactly the secrets its task definitions inject. */
export class ExecutionRoleSecretsScoped extends PolicyRule {
  public readonly id = "AIS-IAM-2";
  public readonly description = "execution roles read only the secrets their task definitions list";
  public readonly hint = "list the secret under services.<name>.secrets; the execution role policy is generated from that list";
  public readonly resourceTypes = ["aws_iam_role_policy"];
  public readonly configField = "secrets";

  public check(policy: ResolvedResource, index: ResourceIndex): string[] {
    const role = referencedAddresses(policy.props.role)[0];
    const taskDefinitions = index.ofType("aws_ecs_task_definition").filter((t) => referencedAddresses(t.props.execution_role_arn).includes(role));
    if (!role || taskDefinitions.length === 0) return [];
    const containers = taskDefinitions.flatMap((t) => containersOf(t));
    const allowed = new Set(
      containers.flatMap((c) => (Array.isArray(c.secrets) ? c.secrets : []).map((s: { valueFrom: string }) => secretResourceArn(String(s.valueFrom)))),
    );
    // Secrets Terraform computes (a module's variable): the variables they come from.
    const computedSources = new Set(containers.filter((c) => isComputed(c.secrets)).flatMap((c) => variablesIn(c.secrets.$computed)));
    const problems: string[] = [];
    for (const statement of statementsOf(policy.props.policy)) {
      if (statement.effect !== "Allow" || !statement.actions.some((a) => SECRET_ACTION.test(a))) continue;
      for (const resource of statement.resources) {
        if (isTerraformReference(resource)) {
          // Computed resources pass only when they come from the same variables as the containers' computed secrets.
          const sources = variablesIn(resource);
          if (sources.length === 0 || !sources.every((v) => computedSources.has(v))) {
            throw new CannotCheck(`the execution role's readable secrets are computed by Terraform (${resource}) from other values than the task definition's secrets`);
          }
        } else if (!allowed.has(resource)) {
          problems.push(`execution role may read ${resource}, which no task definition of the role lists`);
        }
      }
    }
    return problems;
  }
}
