import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { Construct } from "constructs";

export interface ServiceLogGroupProps {
  /** Log group name. */
  readonly name: string;
  /** Days CloudWatch keeps the logs; one of the periods CloudWatch accepts (checked by the schema). */
  readonly retentionDays: number;
  /** KMS key ARN that encrypts the log events (its policy must let CloudWatch Logs use it). @default CloudWatch Logs' own encryption */
  readonly kmsKeyArn?: string;
}

/** A service's CloudWatch log group, always with a retention period, encrypted with the environment's key when given one. */
export class ServiceLogGroup extends Construct {
  public readonly resource: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: ServiceLogGroupProps) {
    super(scope, id);
    this.resource = new CloudwatchLogGroup(this, "group", {
      name: props.name,
      retentionInDays: props.retentionDays,
      ...(props.kmsKeyArn ? { kmsKeyId: props.kmsKeyArn } : {}),
    });
  }
}
