import { statementsOf } from "../inspect";
import type { ResolvedResource } from "../resource-index";
import { PolicyRule } from "../rule";

const ADMIN_POLICIES = [/:iam::aws:policy\/AdministratorAccess$/, /:iam::aws:policy\/PowerUserAccess$/];

/** AIS-IAM-1: no role may do everything to everything. */
export class NoWildcardAdmin extends PolicyRule {
  public readonly id = "AIS-IAM-1";
  public readonly description = 'no IAM policy allows action "*" on resource "*" (and no administrator managed policy)';
  public readonly hint = "grant the specific actions on the specific resources the service uses (services.<name>.taskPolicy)";
  public readonly resourceTypes = ["aws_iam_role_policy", "aws_iam_policy", "aws_iam_role_policy_attachment"];
  public readonly configField = "taskPolicy";

  public check(resource: ResolvedResource): string[] {
    if (resource.type === "aws_iam_role_policy_attachment") {
      const arn = String(resource.props.policy_arn ?? "");
      return ADMIN_POLICIES.some((p) => p.test(arn)) ? [`attaches ${arn}`] : [];
    }
    return statementsOf(resource.props.policy)
      .filter((s) => s.effect === "Allow" && s.actions.some((a) => a === "*" || a === "*:*") && s.resources.includes("*"))
      .map(() => `policy ${resource.props.name ?? ""} allows every action on every resource`.replace("  ", " "));
  }
}
