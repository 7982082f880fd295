import { Token } from "cdktf";

/**
 * An HCL expression Terraform evaluates when it plans, such as a module variable or a
 * conditional on one: for the places where a construct otherwise takes a value fixed at
 * synth time (a config map, a list of blocks, a count).
 */
export class HclExpression {
  /**
   * @param text HCL expression source without `${}`, e.g. `var.gpu_count > 0 ? ["EC2"] : ["FARGATE"]`.
   */
  public static of(text: string): HclExpression {
    const trimmed = text.trim();
    if (trimmed === "" || trimmed.startsWith("${")) throw new Error(`HclExpression.of: expected expression source without \${}, got ${JSON.stringify(text)}`);
    return new HclExpression(trimmed);
  }

  public static isHclExpression(value: unknown): value is HclExpression {
    return value instanceof HclExpression;
  }

  private constructor(public readonly text: string) {}

  /**
   * The source as an operand of a larger expression: as it is when it is a name or an
   * attribute path (`var.x`, `a[0].b`), else in parentheses (`a ? b : c` inside `(...) == null`).
   */
  public operand(): string {
    return /^[A-Za-z_][A-Za-z0-9_.[\]"*]*$/.test(this.text) ? this.text : `(${this.text})`;
  }

  /**
   * The source of a list where a `for` expression takes its collection (`for x in <here> :`):
   * as it is when it is a name or an attribute path, else in `concat(...)` (terraform fmt reads
   * `in (...)` as a call and writes `in(...)`).
   */
  public collection(): string {
    return this.operand() === this.text ? this.text : `concat(${this.text})`;
  }

  /** As a Terraform string value (a single interpolation, written bare in HCL). */
  public asString(): string {
    return `\${${this.text}}`;
  }

  /** As a number, for number-typed arguments. */
  public asNumber(): number {
    return Token.asNumber(this.asString());
  }

  /** As a list, for list-typed arguments. */
  public asList(): string[] {
    return Token.asList(this.asString());
  }

  /**
   * In a JSON document rendered with `JSON.stringify` (container definitions, policies):
   * the value Terraform computes, written into the JSON as `${jsonencode(<text>)}`.
   */
  public toJSON(): number {
    return Token.asNumber(`\${jsonencode(${this.text})}`);
  }
}
