import { ResolvedResource, ResourceIndex, referencedAddresses, refersTo } from "./resource-index";

/** An IAM statement with Action and Resource as lists. */
export interface NormalizedStatement {
  readonly effect: string;
  readonly actions: string[];
  readonly resources: string[];
  readonly raw: Record<string, any>;
}

/**
 * Thrown by a rule (or the helpers below) for a value it cannot evaluate: text that is not the
 * JSON it should be, or a Terraform reference where the rule needs a literal. The rule reports
 * it as a finding ("cannot check"), so a rule never passes what it could not read.
 */
export class CannotCheck extends Error {}

/** A value Terraform computes at plan time, where a JSON document holds an interpolation (`${jsonencode(var.x)}`). */
export interface Computed {
  readonly $computed: string;
}

/** True for a string holding a Terraform interpolation (`${var.x}`): a value known only at plan time. */
export function isTerraformReference(value: unknown): value is string {
  return typeof value === "string" && value.includes("${");
}

export function isComputed(value: unknown): value is Computed {
  return typeof value === "object" && value !== null && typeof (value as Computed).$computed === "string";
}

/**
 * Parses a JSON document that Terraform completes at plan time: each interpolation standing
 * where a JSON value belongs (`"command":${jsonencode(var.command)}`) becomes a
 * {@link Computed} marker; interpolations inside strings stay in the string. Throws
 * {@link CannotCheck} when the text is not JSON even so.
 */
export function parseTerraformJson(text: string, what: string): unknown {
  let out = "";
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      out += ch;
      if (ch === "\\") {
        out += text[i + 1] ?? "";
        i++;
      } else if (ch === '"') inString = false;
    } else if (ch === '"') {
      inString = true;
      out += ch;
    } else if (ch === "$" && text[i + 1] === "{") {
      const end = interpolationEnd(text, i + 2);
      if (end < 0) throw new CannotCheck(`${what} has an unterminated Terraform interpolation`);
      out += JSON.stringify({ $computed: text.slice(i + 2, end) });
      i = end;
    } else if (ch === "%" && text[i + 1] === "{") {
      // A template directive (`%{if <condition>}` ... `%{endif}`): what it encloses is read as if it were there.
      const end = interpolationEnd(text, i + 2);
      if (end < 0) throw new CannotCheck(`${what} has an unterminated Terraform template directive`);
      i = end;
    } else {
      out += ch;
    }
  }
  try {
    return JSON.parse(out);
  } catch (error) {
    throw new CannotCheck(`${what} is not valid JSON (${(error as Error).message})`);
  }
}

/** The index of the `}` closing an interpolation whose body starts at `start`, or -1; strings in the body are skipped. */
function interpolationEnd(text: string, start: number): number {
  let depth = 1;
  let quote = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === "\\") i++;
      else if (ch === '"') quote = false;
    } else if (ch === '"') quote = true;
    else if (ch === "{") depth++;
    else if (ch === "}" && --depth === 0) return i;
  }
  return -1;
}

const list = (value: unknown): string[] => {
  if (value === undefined) return [];
  if (isComputed(value)) return [`\${${value.$computed}}`];
  return Array.isArray(value) ? value.map((v) => (isComputed(v) ? `\${${v.$computed}}` : String(v))) : [String(value)];
};

/** The statements of a policy document given as a JSON string (as IAM takes it). */
export function statementsOf(policy: unknown): NormalizedStatement[] {
  if (policy === undefined) return [];
  if (typeof policy !== "string") throw new CannotCheck(`the policy document is a ${typeof policy}, not JSON text`);
  const document = parseTerraformJson(policy, "the policy document") as { Statement?: unknown };
  if (typeof document !== "object" || document === null) throw new CannotCheck("the policy document is not a JSON object");
  const statements = Array.isArray(document.Statement) ? document.Statement : document.Statement ? [document.Statement] : [];
  return statements.map((s: Record<string, any>) => ({
    effect: String(s.Effect ?? "Allow"),
    actions: list(s.Action),
    resources: list(s.Resource),
    raw: s,
  }));
}

/**
 * True when a resource checks a rule itself when Terraform plans, for a value the rule cannot
 * see (a module's variable): a lifecycle precondition whose error message starts with the rule
 * id (`AIS-IMG-1: ...`) and whose condition reads every variable the value comes from.
 */
export function checkedAtPlan(resource: ResolvedResource, ruleId: string, value: string): boolean {
  const variables = variablesIn(value);
  const preconditions: Array<{ condition?: unknown; error_message?: unknown }> = resource.props.lifecycle?.precondition ?? [];
  return (
    variables.length > 0 &&
    preconditions.some((p) => {
      const read = new Set(variablesIn(String(p.condition)));
      return String(p.error_message).startsWith(`${ruleId}:`) && variables.every((v) => read.has(v));
    })
  );
}

/** The input variables an expression reads (`var.secrets` in `values(var.secrets)`). */
export function variablesIn(expression: string): string[] {
  return [...new Set(expression.match(/\bvar\.[A-Za-z_][A-Za-z0-9_]*/g) ?? [])];
}

/** The container definitions of a task definition, parsed; {@link CannotCheck} when they cannot be read. */
export function containersOf(taskDefinition: ResolvedResource): Array<Record<string, any>> {
  const text = taskDefinition.props.container_definitions;
  if (typeof text !== "string") throw new CannotCheck("container_definitions is missing or not JSON text");
  const parsed = parseTerraformJson(text, "container_definitions");
  if (!Array.isArray(parsed)) throw new CannotCheck("container_definitions is not a JSON list of containers");
  return parsed as Array<Record<string, any>>;
}

/** Resources of a type whose `field` refers to the resource at `address` (e.g. a bucket's policy). */
export function attachedTo(index: ResourceIndex, type: string, field: string, address: string): ResolvedResource[] {
  return index.ofType(type).filter((r) => refersTo(r.props[field], address));
}

/** Addresses of the security groups of the stack's load balancers. */
export function loadBalancerSecurityGroups(index: ResourceIndex): Set<string> {
  return new Set(index.ofType("aws_lb").flatMap((lb) => referencedAddresses(lb.props.security_groups)));
}

/** The ports of the listeners of the stack's load balancers. */
export function listenerPorts(index: ResourceIndex): Set<number> {
  return new Set(index.ofType("aws_lb_listener").map((l) => Number(l.props.port)));
}

/** The ingress rules into a security group: separate rule resources and inline blocks. */
export function ingressInto(index: ResourceIndex, securityGroup: string): Array<{ path: string; rule: Record<string, any> }> {
  const separate = [
    ...attachedTo(index, "aws_vpc_security_group_ingress_rule", "security_group_id", securityGroup),
    ...attachedTo(index, "aws_security_group_rule", "security_group_id", securityGroup).filter((r) => r.props.type === "ingress"),
  ].map((r) => ({ path: r.path, rule: r.props as Record<string, any> }));
  const group = index.ofType("aws_security_group").find((g) => g.address === securityGroup);
  const inline = (group?.props.ingress ?? []).map((rule: Record<string, any>) => ({ path: group!.path, rule }));
  return [...separate, ...inline];
}

const OPEN = ["0.0.0.0/0", "::/0"];

/** The open-to-the-world CIDRs an ingress rule (any of the three forms) admits. */
export function openCidrs(rule: Record<string, any>): string[] {
  return [rule.cidr_ipv4, rule.cidr_ipv6, ...(rule.cidr_blocks ?? []), ...(rule.ipv6_cidr_blocks ?? [])].filter((c) => OPEN.includes(c));
}
