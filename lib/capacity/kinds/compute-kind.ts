import type { Construct } from "constructs";
import type { NamingContext } from "../../aws/names";
import type { Cluster } from "../../cluster/cluster";
import type { Network } from "../../network/network";
import type { ServicePlacement } from "../../service/service-spec";
import type { GpuCapacityProvider } from "../gpu-capacity-provider";
import type { ManagedInstancesCapacityProvider } from "../managed-instances-capacity-provider";
import type { ComputeOf, ComputeSubject, ComputeType } from "./compute";

export interface ServiceComputeProps {
  /** Service name (the key under `services:`). */
  readonly name: string;
  /** The service's task size, CPU architecture and scaling maximum. */
  readonly service: ComputeSubject;
  readonly naming: NamingContext;
  /** Region of the environment. */
  readonly region: string;
  readonly cluster: Cluster;
  readonly network: Network;
}

/** What a service's compute gives its task definition and ECS service, and the capacity it created. */
export interface ServiceCompute extends ServicePlacement {
  /** The service's own GPU capacity provider, for the GPU kinds. */
  readonly capacity?: GpuCapacityProvider | ManagedInstancesCapacityProvider;
}

/**
 * The Terraform side of a compute kind: the capacity the kind needs (construct id
 * `gpu-capacity` under `scope`), the task definition's launch type and GPUs, and the settings
 * the ECS service needs.
 */
export interface ComputeKind<T extends ComputeType> {
  readonly type: T;
  synthesize(scope: Construct, props: ServiceComputeProps, compute: ComputeOf<T>): ServiceCompute;
}
