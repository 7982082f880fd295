/**
 * Defaults of GPU compute's managed scaling, used by the schema (to document and fill them)
 * and by the constructs (when a config leaves managedScaling out). Kept apart from the zod
 * schema so the synth's constructs can use them without loading the validator. The instance
 * warm-up has no default of its own: it follows the service's startupSeconds.
 */
export const DEFAULT_MANAGED_SCALING = {
  targetCapacity: 100,
  minimumStepSize: 1,
  maximumStepSize: 10,
} as const;
