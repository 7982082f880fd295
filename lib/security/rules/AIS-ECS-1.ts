import type { ResolvedResource } from "../resource-index";
import { PolicyRule } from "../rule";

/** AIS-ECS-1: Container Insights is on; the queue scaling and operators depend on its metrics. */
export class ContainerInsightsOn extends PolicyRule {
  public readonly id = "AIS-ECS-1";
  public readonly description = "ECS clusters have Container Insights on";
  public readonly hint = 'set the cluster setting containerInsights to "enabled" or "enhanced"';
  public readonly resourceTypes = ["aws_ecs_cluster"];
  public readonly configField = "/";

  public check(cluster: ResolvedResource): string[] {
    const insights = (cluster.props.setting ?? []).filter((s: { name: string }) => s.name === "containerInsights");
    const on = insights.length > 0 && insights.every((s: { value: string }) => s.value === "enabled" || s.value === "enhanced");
    return on ? [] : [`cluster ${cluster.props.name} has Container Insights off`];
  }
}
