import { printExpr } from "../../lib/hcl/document";
import { typeExpression } from "../../lib/hcl/type-expression";

describe("type constraints", () => {
  test("object types print one attribute per line", () => {
    expect(printExpr(typeExpression('list(object({ type = string, target = optional(number, 300), tags = optional(map(string), {}) }))'), 1)).toBe(
      ["list(object({", "    type   = string", "    target = optional(number, 300)", "    tags   = optional(map(string), {})", "  }))"].join("\n"),
    );
  });

  test("cdktf's VariableType spelling (no spaces) comes out in terraform fmt's", () => {
    expect(printExpr(typeExpression("map(list(string))"), 0)).toBe("map(list(string))");
    expect(printExpr(typeExpression("object({a=number})"), 0)).toBe("object({\n  a = number\n})");
  });

  test("anything else is refused", () => {
    expect(() => typeExpression("list(string")).toThrow(/ends early|expected/);
  });
});
