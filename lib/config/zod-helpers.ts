import { z } from "zod";

/** A strict object: unknown keys are errors that list the allowed keys. */
export function strict<T extends z.ZodRawShape>(shape: T) {
  const allowed = Object.keys(shape).join(", ");
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === "unrecognized_keys" ? `unknown field; allowed fields here: ${allowed}` : undefined,
  });
}

/** A whole number with a description. */
export function int(description: string) {
  return z.number({ error: "must be a number" }).int({ error: "must be a whole number" }).describe(description);
}

/** A string matching a pattern, with "must be <what>" as the message. */
export function pattern(regex: RegExp, what: string) {
  return z.string({ error: `must be a string (${what})` }).regex(regex, { error: `must be ${what}` });
}

/** A discriminated union whose error for an unknown discriminator lists the allowed values. */
export function oneOf<const T extends readonly [z.core.$ZodTypeDiscriminable, ...z.core.$ZodTypeDiscriminable[]]>(
  discriminator: string,
  options: T,
  allowed: readonly string[],
) {
  return z.discriminatedUnion(discriminator, options, {
    error: (issue) => (issue.code === "invalid_union" ? `${discriminator} must be one of: ${allowed.join(", ")}` : undefined),
  });
}

/**
 * A string checked by a function rather than a pattern (a grammar a regular expression could only
 * check by backtracking), with "must be <what>" as the message; `shape` is the flat pattern editors
 * and the Terraform module see in the JSON schema.
 */
export function format(check: (value: string) => boolean, shape: RegExp, what: string) {
  return z
    .string({ error: `must be a string (${what})` })
    .refine(check, { error: `must be ${what}` })
    .meta({ pattern: shape.source });
}
