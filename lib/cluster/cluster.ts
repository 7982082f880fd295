import { EcsCluster } from "@cdktf/provider-aws/lib/ecs-cluster";
import { EcsClusterCapacityProviders } from "@cdktf/provider-aws/lib/ecs-cluster-capacity-providers";
import { Lazy } from "cdktf";
import { Construct } from "constructs";

export interface ClusterProps {
  /** ECS cluster name. */
  readonly name: string;
}

/**
 * An ECS cluster with Container Insights and its capacity providers: FARGATE and
 * FARGATE_SPOT always, plus any EC2 capacity providers added with {@link addCapacityProvider}.
 */
export class Cluster extends Construct {
  public readonly cluster: EcsCluster;
  /** Services depend on this so their capacity provider strategies are valid at create time. */
  public readonly capacityProviders: EcsClusterCapacityProviders;
  private readonly providerNames: string[] = ["FARGATE", "FARGATE_SPOT"];

  constructor(scope: Construct, id: string, props: ClusterProps) {
    super(scope, id);
    this.cluster = new EcsCluster(this, "cluster", {
      name: props.name,
      setting: [{ name: "containerInsights", value: "enabled" }],
    });
    this.capacityProviders = new EcsClusterCapacityProviders(this, "capacity-providers", {
      clusterName: this.cluster.name,
      capacityProviders: Lazy.listValue({ produce: () => [...this.providerNames] }),
      defaultCapacityProviderStrategy: [{ capacityProvider: "FARGATE", base: 0, weight: 1 }],
    });
  }

  /** Attaches another capacity provider (by name) to the cluster. */
  public addCapacityProvider(name: string): void {
    if (!this.providerNames.includes(name)) this.providerNames.push(name);
  }
}
