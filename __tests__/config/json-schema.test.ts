import { readFileSync } from "node:fs";
import { environmentJsonSchemaText } from "../../lib/config/json-schema";
import { readmeWithReference } from "../../scripts/write-schema";

describe("generated documents stay in sync with the schema (run `npm run schema` to update)", () => {
  test("config/schema.json", () => {
    expect(readFileSync("config/schema.json", "utf8")).toBe(environmentJsonSchemaText());
  });

  test("README config reference", () => {
    const readme = readFileSync("README.md", "utf8");
    expect(readme).toBe(readmeWithReference(readme));
  });

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
