import type { ResolvedResource } from "../resource-index";
import { PolicyRule } from "../rule";

/** AIS-DDB-1: a lock table cannot be deleted by accident, and its contents can be restored. */
export class LockTableProtected extends PolicyRule {
  public readonly id = "AIS-DDB-1";
  public readonly description = "DynamoDB tables (state locks) have deletion protection, point-in-time recovery and encryption";
  public readonly hint = "set deletion_protection_enabled = true, point_in_time_recovery { enabled = true } and server_side_encryption { enabled = true } (the state stack's LockTable does)";
  public readonly resourceTypes = ["aws_dynamodb_table"];
  public readonly configField = "/state.dynamodbTable";

  public check(table: ResolvedResource): string[] {
    const missing = [
      table.props.deletion_protection_enabled === true ? undefined : "deletion protection",
      table.props.point_in_time_recovery?.enabled === true ? undefined : "point-in-time recovery",
      table.props.server_side_encryption?.enabled === true ? undefined : "server-side encryption",
    ].filter(Boolean);
    return missing.length === 0 ? [] : [`table ${table.props.name} has no ${missing.join(", ")}`];
  }
}
