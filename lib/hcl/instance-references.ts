/**
 * References to resources that have `count` or `for_each`, made to name one instance, in a
 * stack's Terraform JSON. cdktf writes a reference as `aws_x.y.attr` whatever the resource's
 * meta-arguments, and Terraform then needs an instance:
 * - a resource whose count is 0 or 1 (made by `when` in ./plan-time) is referred to as
 *   `one(aws_x.y[*].attr)`: its value, or null when it does not exist;
 * - a resource with `for_each`, referred to from a resource with the same `for_each` (a
 *   policy's alarm and the policy), is `aws_x.y[each.key].attr`: the instance of the same key.
 * Any other reference to a `for_each` resource is an error: it must say which instances it
 * means (a `for` expression, which this leaves alone).
 */

type Json = Record<string, any>;

interface Indexed {
  readonly address: string;
  readonly pattern: RegExp;
  /** The resource's for_each expression; undefined for a counted resource. */
  readonly forEach?: string;
}

/** The stack's Terraform JSON with references to counted and for_each resources indexed (a new object). */
export function indexInstanceReferences(json: Json): Json {
  const indexed: Indexed[] = [];
  for (const [type, byName] of Object.entries<Json>(json.resource ?? {})) {
    for (const [name, body] of Object.entries<Json>(byName)) {
      if (body.count === undefined && body.for_each === undefined) continue;
      const address = `${type}.${name}`;
      indexed.push({ address, pattern: new RegExp(`(?<![\\w.\\]])${type}\\.${name}\\.([A-Za-z_][A-Za-z0-9_]*)`, "g"), forEach: body.for_each });
    }
  }
  if (indexed.length === 0) return json;

  const rewrite = (value: unknown, where: string, forEach: string | undefined): unknown => {
    if (typeof value === "string") {
      return indexed.reduce(
        (text, target) =>
          text.replace(target.pattern, (_whole, attribute: string) => {
            if (target.forEach === undefined) return `one(${target.address}[*].${attribute})`;
            if (target.forEach === forEach) return `${target.address}[each.key].${attribute}`;
            throw new Error(`${where} refers to ${target.address}.${attribute}, which has for_each; say which instances (a for expression)`);
          }),
        value,
      );
    }
    if (Array.isArray(value)) return value.map((item) => rewrite(item, where, forEach));
    if (value !== null && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, key === "//" ? item : rewrite(item, where, forEach)]));
    }
    return value;
  };

  const section = (name: string, value: unknown): unknown => {
    if (name === "resource") {
      return Object.fromEntries(
        Object.entries<Json>(value as Json).map(([type, byName]) => [
          type,
          Object.fromEntries(Object.entries<Json>(byName).map(([resource, body]) => [resource, rewrite(body, `${type}.${resource}`, body.for_each)])),
        ]),
      );
    }
    return ["terraform", "variable"].includes(name) ? value : rewrite(value, name, undefined);
  };
  return Object.fromEntries(Object.entries(json).map(([name, value]) => [name, section(name, value)]));
}
