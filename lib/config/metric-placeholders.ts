/**
 * Placeholders allowed in the dimension values of a config's metrics, and what the synth
 * fills in for each. Kept apart from the zod schema so the synth's constructs can use it
 * without loading the validator.
 */
export const METRIC_PLACEHOLDERS = {
  "{cluster}": "the ECS cluster name",
  "{service}": "the ECS service name",
  "{loadBalancer}": "the load balancer's ARN suffix (web services)",
  "{targetGroup}": "the target group's ARN suffix (web services)",
  "{queue}": "the SQS queue name (workers)",
} as const;
