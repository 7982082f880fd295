import { CloudwatchDashboard } from "@cdktf/provider-aws/lib/cloudwatch-dashboard";
import { Construct } from "constructs";
import { dashboardBody, type DashboardService } from "./dashboard-body";

export interface EnvironmentDashboardProps {
  /** Dashboard name. */
  readonly name: string;
  readonly region: string;
  /** A row per service, in order. */
  readonly services: readonly DashboardService[];
}

/** The environment's CloudWatch dashboard: a row of widgets per service (see {@link dashboardBody}). */
export class EnvironmentDashboard extends Construct {
  public readonly dashboard: CloudwatchDashboard;
  /** The dashboard in the CloudWatch console. */
  public readonly url: string;

  constructor(scope: Construct, id: string, props: EnvironmentDashboardProps) {
    super(scope, id);
    this.dashboard = new CloudwatchDashboard(this, "dashboard", {
      dashboardName: props.name,
      dashboardBody: JSON.stringify(dashboardBody(props.region, props.services)),
    });
    this.node.defaultChild = this.dashboard;
    this.url = `https://${props.region}.console.aws.amazon.com/cloudwatch/home?region=${props.region}#dashboards/dashboard/${props.name}`;
  }
}
