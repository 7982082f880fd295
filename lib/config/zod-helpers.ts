import { z } from "zod";

/** Small zod builders shared by the config schemas, so every field reports errors the same way. */

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

/** A string matching a pattern; `what` names the format in messages. */
export function pattern(regex: RegExp, what: string) {
  return z.string({ error: `must be a string (${what})` }).regex(regex, { error: `must be ${what}` });
}
