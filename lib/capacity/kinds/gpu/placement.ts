/**
 * Where ECS puts the tasks of a GPU service on its EC2 instances: spread over availability
 * zones first (a zone outage takes only its share), then packed by memory onto the fewest
 * instances, so managed scaling can let idle GPU instances go. Used by the `gpu` compute kind
 * and by the Terraform module when its tasks have GPUs.
 */
export const GPU_TASK_PLACEMENT = [
  { type: "spread", field: "attribute:ecs.availability-zone" },
  { type: "binpack", field: "memory" },
] as const;
