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
