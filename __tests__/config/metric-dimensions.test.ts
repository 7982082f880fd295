import { problemsOf, withChat } from "../helpers";

/** The chat service with one custom policy on a metric with these dimensions. */
const withDimensions = (dimensions: Record<string, string>) =>
  withChat({ scaling: { policies: [{ type: "custom", target: 10, metric: { namespace: "Acme/LLM", name: "InFlightRequests", dimensions } }] } });
const PATH = "services.chat.scaling.policies[0].metric.dimensions";
const entries = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`Dim${i}`, `value ${i}`]));

describe("metric dimensions (CloudWatch's Dimension rules)", () => {
  test("names and values of printable ASCII with spaces inside or around, a colon after the first character, placeholders, and 30 dimensions are accepted", () => {
    expect(problemsOf(withDimensions({ ServiceName: "{service}", "Model Name": " llama 3:8b ", " Lead": "x", "a:b": ":v" }))).toEqual([]);
    expect(problemsOf(withDimensions(entries(30)))).toEqual([]);
  });

  test.each([
    ["a name starting with a colon", { ":model": "llama" }, `${PATH}.:model: name must be printable ASCII with a character other than a space, not starting with ":" (a CloudWatch dimension name)`],
    ["a name of spaces only", { "   ": "llama" }, `${PATH}["   "]: name must be printable ASCII with a character other than a space, not starting with ":" (a CloudWatch dimension name)`],
    ["a name with a non-ASCII letter", { "Modèle": "llama" }, `${PATH}["Modèle"]: name must be printable ASCII with a character other than a space, not starting with ":" (a CloudWatch dimension name)`],
    ["a name with a tab (an ASCII control character)", { "Model\tName": "llama" }, `name must be printable ASCII with a character other than a space, not starting with ":" (a CloudWatch dimension name)`],
    ["a name of 256 characters", { ["N".repeat(256)]: "llama" }, `name must be at most 255 characters (CloudWatch's limit for a dimension name)`],
    ["a value with a non-ASCII letter", { Model: "café" }, `${PATH}.Model = "café": must be printable ASCII with a character other than a space (a CloudWatch dimension value)`],
    ["a value of spaces only", { Model: " " }, `${PATH}.Model = " ": must be printable ASCII with a character other than a space (a CloudWatch dimension value)`],
    ["an empty value", { Model: "" }, `${PATH}.Model = "": must be printable ASCII with a character other than a space (a CloudWatch dimension value)`],
    ["a value with a newline", { Model: "llama\n3" }, `must be printable ASCII with a character other than a space (a CloudWatch dimension value)`],
    ["a value of 1025 characters", { Model: "v".repeat(1025) }, `must be at most 1024 characters (CloudWatch's limit for a dimension value)`],
  ])("%s is refused with its message", (_name, dimensions, message) => {
    expect(problemsOf(withDimensions(dimensions))).toEqual(expect.arrayContaining([expect.stringContaining(message)]));
  });

  test("31 dimensions are refused with CloudWatch's limit", () => {
    expect(problemsOf(withDimensions(entries(31)))).toEqual([expect.stringContaining(`${PATH} = a mapping: must have at most 30 dimensions (CloudWatch's limit per metric)`)]);
  });

  test("the review's example is refused on both names (zod checks a value once its name passes; café is refused above)", () => {
    expect(problemsOf(withDimensions({ ":model": "café", " ": " " }))).toEqual([
      expect.stringContaining(`${PATH}.:model: name must be printable ASCII with a character other than a space, not starting with ":"`),
      expect.stringContaining(`${PATH}[" "]: name must be printable ASCII with a character other than a space, not starting with ":"`),
    ]);
  });

  test("long hostile names and values are checked quickly (the patterns cannot backtrack)", () => {
    // Not a timed test: a backtracking pattern would exceed jest's default timeout on these.
    const hostile = { [" ".repeat(254) + ":"]: " ".repeat(1023) + "\u00e9", ["x".repeat(100_000)]: " ".repeat(100_000) };
    expect(problemsOf(withDimensions(hostile)).length).toBeGreaterThan(0);
  });
});
