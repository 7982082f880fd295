import type { ResolvedResource } from "../resource-index";
import { PolicyRule } from "../rule";

/** AIS-LOG-1: logs expire, so they neither grow without bound nor keep data forever. */
export class LogRetentionSet extends PolicyRule {
  public readonly id = "AIS-LOG-1";
  public readonly description = "log groups have a retention period";
  public readonly hint = "set logRetentionDays (environment) or services.<name>.logRetentionDays";
  public readonly resourceTypes = ["aws_cloudwatch_log_group"];

  public check(group: ResolvedResource): string[] {
    const days = Number(group.props.retention_in_days ?? 0);
    return days > 0 ? [] : [`log group ${group.props.name} keeps logs forever`];
  }
}
