import { hclKey, hclString, hclTemplate, parseTemplate, singleInterpolation } from "../../lib/hcl/template";

describe("Terraform templates", () => {
  test("split into literal text, interpolations and directives; $${ stays literal", () => {
    expect(parseTemplate('a-${lookup(x, "}")}$${b}%{ if c }d%{ endif }')).toEqual([
      { kind: "literal", text: "a-" },
      { kind: "interpolation", expression: 'lookup(x, "}")' },
      { kind: "literal", text: "$${b}" },
      { kind: "directive", text: "%{ if c }" },
      { kind: "literal", text: "d" },
      { kind: "directive", text: "%{ endif }" },
    ]);
  });

  test("interpolations may hold quoted strings with templates and braces of their own", () => {
    expect(parseTemplate('${{ for p in var.p : p.type => p if p.type == "${var.k}}" }}')).toEqual([
      { kind: "interpolation", expression: '{ for p in var.p : p.type => p if p.type == "${var.k}}" }' },
    ]);
  });

  test("a template that is one interpolation is its expression; anything more is not", () => {
    expect(singleInterpolation("${aws_lb.x.arn}")).toBe("aws_lb.x.arn");
    expect(singleInterpolation("${a}-${b}")).toBeUndefined();
    expect(singleInterpolation("$${a}")).toBeUndefined();
  });

  test("a single interpolation is written bare, others as escaped quoted templates", () => {
    expect(hclTemplate("${aws_lb.x.arn}")).toBe("aws_lb.x.arn");
    expect(hclTemplate('service/${a.name}/"q"\\n\n')).toBe('"service/${a.name}/\\"q\\"\\\\n\\n"');
  });

  test("literal strings escape ${ and %{ so Terraform does not interpolate them", () => {
    expect(hclString('${x} %{y} "z"')).toBe('"$${x} %%{y} \\"z\\""');
  });

  test("object keys are bare only when they are plain identifiers", () => {
    expect([hclKey("Name"), hclKey("awslogs-group"), hclKey("kubernetes.io/role"), hclKey("256"), hclKey("null")]).toEqual([
      "Name",
      '"awslogs-group"',
      '"kubernetes.io/role"',
      '"256"',
      '"null"',
    ]);
  });
});
