import { ResolvedResource, ResourceIndex, referencedAddresses, refersTo } from "./resource-index";

/** An IAM statement with Action and Resource as lists. */
export interface NormalizedStatement {
  readonly effect: string;
  readonly actions: string[];
  readonly resources: string[];
  readonly raw: Record<string, any>;
}

const list = (value: unknown): string[] => (value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)]);

/** The statements of a policy document given as a JSON string (as IAM takes it). */
export function statementsOf(policy: unknown): NormalizedStatement[] {
  if (typeof policy !== "string") return [];
  let document: { Statement?: unknown };
  try {
    document = JSON.parse(policy);
  } catch {
    return [];
  }
  const statements = Array.isArray(document.Statement) ? document.Statement : document.Statement ? [document.Statement] : [];
  return statements.map((s: Record<string, any>) => ({
    effect: String(s.Effect ?? "Allow"),
    actions: list(s.Action),
    resources: list(s.Resource),
    raw: s,
  }));
}

/** The container definitions of a task definition, parsed. */
export function containersOf(taskDefinition: ResolvedResource): Array<Record<string, any>> {
  try {
    const parsed = JSON.parse(String(taskDefinition.props.container_definitions ?? "[]"));
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
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
