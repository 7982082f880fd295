import { readFileSync } from "node:fs";
import { environmentJsonSchemaText } from "../../lib/config/json-schema";

// That config/schema.json equals environmentJsonSchemaText() is checked with the other
// generated files in __tests__/docs/generated.test.ts.
describe("the JSON schema editors use", () => {
  test("the JSON schema rejects unknown keys and requires the essentials", () => {
    const schema = JSON.parse(environmentJsonSchemaText());
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(["project", "region", "state", "network", "services"]);
  });

  test("every shipped config points editors at the schema", () => {
    for (const env of ["dev", "staging", "prod"]) {
      expect(readFileSync(`config/${env}.yaml`, "utf8").split("\n")[0]).toBe("# yaml-language-server: $schema=./schema.json");
    }
  });
});
