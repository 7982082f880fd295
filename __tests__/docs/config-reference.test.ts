import { configFields, configReferencePage, type JsonSchemaNode, type ReferenceField } from "../../lib/docs/config-reference";

const fields = configFields();
const rowsAt = (path: string) => fields.filter((field) => field.path === path);
const only = (path: string): ReferenceField => {
  const rows = rowsAt(path);
  if (rows.length !== 1) throw new Error(`expected one row for ${path}, found ${rows.length}`);
  return rows[0];
};
const when = (field: ReferenceField) => field.when.map((c) => `${c.key}: ${c.values.join(", ")}`).join("; ");

describe("config reference", () => {
  test("no field is listed twice for the same forms", () => {
    const keys = fields.map((field) => `${field.path} [${when(field)}]`);
    expect(keys.filter((key, i) => keys.indexOf(key) !== i)).toEqual([]);
  });

  test("a field both service kinds have is one row without a condition", () => {
    expect(when(only("services.<name>.image"))).toBe("");
    expect(when(only("services.<name>.scaling.policies[].name"))).toBe("");
  });

  test("a field of one service kind names that kind", () => {
    expect(when(only("services.<name>.port"))).toBe("kind: web");
    expect(when(only("services.<name>.queue.maxReceiveCount"))).toBe("kind: worker");
  });

  test("a field several policy types share alike is one row naming them", () => {
    expect(when(only("services.<name>.scaling.policies[].scaleInCooldownSeconds"))).toBe("type: cpu, memory, requests, latency, custom, queue, server");
  });

  test("a field whose shape differs between forms gets one row per shape", () => {
    const targets = rowsAt("services.<name>.scaling.policies[].target");
    expect(targets.map(when)).toEqual(["type: cpu", "type: memory", "type: requests", "type: latency", "type: custom", "type: server", "type: predictive"]);
    expect(targets[0].type).toBe("number > 0, <= 100");
  });

  test("a discriminator is one row listing each form with its description and the default form", () => {
    const kind = only("services.<name>.kind");
    expect(kind.type).toBe('"web" | "worker"');
    expect(kind.defaultValue).toBe("web");
    expect(kind.description).toBe("`web`: a model server behind the shared load balancer. `worker`: reads jobs from its own SQS queue; no load balancer.");
  });

  test("a union of constants shows its values", () => {
    expect(only("services.<name>.scaling.policies[].alarm.periodSeconds").type).toBe("10 | 30 | 60 | 300 | 900 | 3600");
  });

  test("list bounds are part of the type", () => {
    expect(only("services.<name>.scaling.policies").type).toBe("list of object, by `type` (1 to 20 items)");
    expect(only("network.publicSubnetIds").type).toBe("list of string (at least 2 items)");
  });

  test("a long enumeration is listed once under Value lists and linked from each field", () => {
    const page = configReferencePage(fields);
    expect(page.match(/^### Values of unit$/gm)).toHaveLength(1);
    expect(page).toContain("| `metric.unit` | type: custom | one of the [27 values of `unit`](#values-of-unit) | - |");
    expect(page).toContain("| `alarm.metrics.<name>.unit` | type: step | one of the [27 values of `unit`](#values-of-unit) | - |");
  });

  test("each field stands in the section of its longest prefix, with its path relative to it", () => {
    const page = configReferencePage(fields);
    const section = (title: string) => page.slice(page.indexOf(`## ${title}`), page.indexOf("\n## ", page.indexOf(`## ${title}`) + 1));
    expect(section("Scaling policies")).toContain("| `alarm.threshold` | type: step |");
    expect(section("Scaling: ")).not.toContain("alarm.threshold");
    expect(section("Environment")).toContain("| `state.bucket` |");
  });

  test("a union without a constant discriminator is refused with a message", () => {
    const schema: JsonSchemaNode = {
      type: "object",
      properties: { thing: { oneOf: [{ type: "object", properties: { a: { type: "string" } } }, { type: "object", properties: { b: { type: "string" } } }] } },
    };
    expect(() => configFields(schema)).toThrow("the config reference expects every union to be discriminated by a constant field");
  });
});
