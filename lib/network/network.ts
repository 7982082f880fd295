import { DataAwsSubnets } from "@cdktf/provider-aws/lib/data-aws-subnets";
import { DataAwsVpc } from "@cdktf/provider-aws/lib/data-aws-vpc";
import { Construct } from "constructs";
import type { NetworkConfig } from "../config/schema";

export interface NetworkProps {
  /** The environment's network section. */
  readonly config: NetworkConfig;
  /** Whether the load balancer is internal (then it sits in the task subnets). @default false */
  readonly internalLoadBalancer?: boolean;
}

/**
 * Where an environment's load balancer and tasks run. `default-vpc` looks the account's
 * default VPC and its default subnets up at plan time, and gives tasks public IPs so they
 * can pull images without a NAT gateway; `existing` uses the ids given, tasks in private
 * subnets without public IPs.
 */
export class Network extends Construct {
  public readonly vpcId: string;
  public readonly loadBalancerSubnetIds: string[];
  public readonly taskSubnetIds: string[];
  public readonly assignPublicIp: boolean;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    const config = props.config;
    if (config.mode === "default-vpc") {
      const vpc = new DataAwsVpc(this, "default-vpc", { default: true });
      const subnets = new DataAwsSubnets(this, "default-subnets", {
        filter: [
          { name: "vpc-id", values: [vpc.id] },
          { name: "default-for-az", values: ["true"] },
        ],
      });
      this.vpcId = vpc.id;
      this.loadBalancerSubnetIds = subnets.ids;
      this.taskSubnetIds = subnets.ids;
      this.assignPublicIp = true;
    } else {
      this.vpcId = config.vpcId;
      this.taskSubnetIds = [...config.privateSubnetIds];
      this.loadBalancerSubnetIds = props.internalLoadBalancer ? [...config.privateSubnetIds] : [...config.publicSubnetIds];
      this.assignPublicIp = false;
    }
  }
}
