import { call, Expr, object, raw, tuple } from "./document";

/**
 * Terraform type constraints (`list(object({ type = string, target = optional(number) }))`)
 * as document expressions, so object types print one attribute per line the way module
 * authors write them. Terraform JSON holds a type as one string; cdktf's `VariableType`
 * helpers write it without spaces, which this also normalizes.
 */

type Token = { readonly kind: "word" | "literal" | "punct"; readonly text: string };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s+|([A-Za-z_][A-Za-z0-9_-]*)|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|"(?:[^"\\]|\\.)*")|([(){}[\],=:])/gy;
  let match: RegExpExecArray | null;
  let index = 0;
  while (index < text.length) {
    pattern.lastIndex = index;
    match = pattern.exec(text);
    if (!match) throw new Error(`unexpected ${JSON.stringify(text.slice(index, index + 10))} in type ${JSON.stringify(text)}`);
    index = pattern.lastIndex;
    if (match[1]) tokens.push({ kind: "word", text: match[1] });
    else if (match[2]) tokens.push({ kind: "literal", text: match[2] });
    else if (match[3]) tokens.push({ kind: "punct", text: match[3] });
  }
  return tokens;
}

/** The type constraint as an expression; throws when it is not one. */
export function typeExpression(text: string): Expr {
  const tokens = tokenize(text);
  let position = 0;
  const peek = () => tokens[position]?.text;
  const expect = (t: string) => {
    if (tokens[position]?.text !== t) throw new Error(`expected ${t} at token ${position} of type ${JSON.stringify(text)}`);
    position++;
  };
  const list = (close: string): Expr[] => {
    const items: Expr[] = [];
    while (peek() !== close) {
      items.push(expression());
      if (peek() === ",") position++;
    }
    expect(close);
    return items;
  };
  const expression = (): Expr => {
    const token = tokens[position++];
    if (!token) throw new Error(`type ${JSON.stringify(text)} ends early`);
    if (token.kind === "literal") return raw(token.text);
    if (token.kind === "word") {
      if (peek() !== "(") return raw(token.text);
      position++;
      return call(token.text, ...list(")"));
    }
    if (token.text === "[") return tuple(list("]"));
    if (token.text === "{") {
      const entries: { key: string; value: Expr }[] = [];
      while (peek() !== "}") {
        const key = tokens[position++];
        if (!key || key.kind === "punct") throw new Error(`expected an attribute name in type ${JSON.stringify(text)}`);
        if (peek() === "=" || peek() === ":") position++;
        else throw new Error(`expected = after ${key.text} in type ${JSON.stringify(text)}`);
        entries.push({ key: key.text, value: expression() });
        if (peek() === ",") position++;
      }
      expect("}");
      return object(entries);
    }
    throw new Error(`unexpected ${token.text} in type ${JSON.stringify(text)}`);
  };
  const result = expression();
  if (position !== tokens.length) throw new Error(`trailing tokens in type ${JSON.stringify(text)}`);
  return result;
}
