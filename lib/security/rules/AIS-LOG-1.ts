import type { ResolvedResource } from "../resource-index";
import { CannotCheck, checkedAtPlan, isTerraformReference } from "../inspect";
import { PolicyRule } from "../rule";

/** AIS-LOG-1: logs expire, so they neither grow without bound nor keep data forever. */
export class LogRetentionSet extends PolicyRule {
  public readonly id = "AIS-LOG-1";
  public readonly description = "log groups have a retention period";
  public readonly hint = "set logRetentionDays (environment) or services.<name>.logRetentionDays";
  public readonly resourceTypes = ["aws_cloudwatch_log_group"];
  public readonly configField = "logRetentionDays";

  public check(group: ResolvedResource): string[] {
    const retention = group.props.retention_in_days;
    if (isTerraformReference(retention)) {
      // A retention Terraform computes passes when the log group checks it at plan time (the module's precondition).
      if (checkedAtPlan(group, this.id, retention)) return [];
      throw new CannotCheck(`retention_in_days is computed by Terraform (${retention})`);
    }
    const days = Number(retention ?? 0);
    return days > 0 ? [] : [`log group ${group.props.name} keeps logs forever`];
  }
}
