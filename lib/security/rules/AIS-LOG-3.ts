import { PRODUCTION_LOG_RETENTION_MIN_DAYS } from "../../config/security-defaults";
import { CannotCheck, checkedAtPlan, isTerraformReference } from "../inspect";
import type { ResolvedResource } from "../resource-index";
import { PolicyRule } from "../rule";

/** AIS-LOG-3: production logs stay long enough to investigate an incident found months later. */
export class ProductionLogRetention extends PolicyRule {
  public readonly id = "AIS-LOG-3";
  public readonly description = `log groups in an environment marked production: true keep logs at least ${PRODUCTION_LOG_RETENTION_MIN_DAYS} days`;
  public readonly hint = `set logRetentionDays (and any services.<name>.logRetentionDays) to ${PRODUCTION_LOG_RETENTION_MIN_DAYS} or more; ${PRODUCTION_LOG_RETENTION_MIN_DAYS} is the production default`;
  public readonly resourceTypes = ["aws_cloudwatch_log_group"];
  public readonly configField = "logRetentionDays";

  public check(group: ResolvedResource): string[] {
    if (!this.context.production) return [];
    const retention = group.props.retention_in_days;
    if (isTerraformReference(retention)) {
      // A retention Terraform computes passes when the log group checks it at plan time (the module's precondition).
      if (checkedAtPlan(group, this.id, retention)) return [];
      throw new CannotCheck(`retention_in_days is computed by Terraform (${retention})`);
    }
    const days = Number(retention ?? 0);
    // 0 (never expire) is AIS-LOG-1's finding; a year or more passes here.
    return days === 0 || days >= PRODUCTION_LOG_RETENTION_MIN_DAYS ? [] : [`log group ${group.props.name} keeps logs ${days} days, less than ${PRODUCTION_LOG_RETENTION_MIN_DAYS}`];
  }
}
