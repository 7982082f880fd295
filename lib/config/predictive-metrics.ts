/**
 * The predefined metric pairs predictive scaling can learn from, by the names the config
 * uses. Kept apart from the zod schema so the synth's constructs can use it without
 * loading the validator.
 */
export const PREDICTIVE_METRICS = {
  cpu: "ECSServiceCPUUtilization",
  memory: "ECSServiceMemoryUtilization",
  requests: "ALBRequestCount",
} as const;
