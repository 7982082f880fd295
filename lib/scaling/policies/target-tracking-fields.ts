import { z } from "zod";
import { int } from "../../config/zod-helpers";

/** Fields and value types shared by the policy kinds' schemas. */

export const cooldown = (what: string, fallback: number) =>
  int(what).min(0, { error: "must be 0 or more" }).max(86400, { error: "must be at most 86400 (one day)" }).default(fallback);

export const policyName = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,39}$/, { error: "must be 1-40 lower-case letters, digits and hyphens, starting with a letter" })
  .optional()
  .describe("Names the policy (and its alarms). Default: the policy type; two policies of one type need different names.");

/** Who publishes a custom metric the stack does not: without it such a policy is a warning (an error in production). */
export const publishedBy = z
  .string({ error: "must be a string" })
  .min(3, { error: "must name who publishes the metric (at least 3 characters)" })
  .max(200, { error: "must be at most 200 characters" })
  .optional()
  .describe("Who publishes the metric when neither AWS nor this stack does (e.g. \"the gateway's EMF logs\"). Without it a policy on such a metric is a warning at synth, an error with production: true.");

/** The settings every target tracking policy has. */
export const targetTrackingFields = {
  name: policyName,
  scaleInCooldownSeconds: cooldown("Seconds after a scale-in before another scale-in may start.", 300),
  scaleOutCooldownSeconds: cooldown("Seconds after a scale-out before another scale-out may start (a larger need still scales out).", 60),
  disableScaleIn: z.boolean().default(false).describe("When true this policy never removes tasks; other policies or scheduled actions must."),
};

export const positive = (description: string) =>
  z.number({ error: "must be a number" }).gt(0, { error: "must be greater than 0" }).max(1e9, { error: "must be at most 1e9" }).describe(description);

export const utilization = (description: string) =>
  z
    .number({ error: "must be a number" })
    .gt(0, { error: "must be greater than 0" })
    .max(100, { error: "must be at most 100 (it is a utilization percentage)" })
    .describe(description);
