import { ingressInto, listenerPorts, loadBalancerSecurityGroups, openCidrs } from "../inspect";
import type { ResolvedResource, ResourceIndex } from "../resource-index";
import { referencedAddresses } from "../resource-index";
import { PolicyRule } from "../rule";

/** AIS-SG-1: the internet reaches only the load balancer's listener ports. */
export class OpenIngressOnlyOnListeners extends PolicyRule {
  public readonly id = "AIS-SG-1";
  public readonly description = "ingress from 0.0.0.0/0 or ::/0 only into the load balancer's group, on its listener ports";
  public readonly hint = "narrow the CIDR (loadBalancer.allowedCidrs) or remove the rule; services are reached through the load balancer";
  public readonly resourceTypes = ["aws_vpc_security_group_ingress_rule", "aws_security_group_rule", "aws_security_group"];
  public readonly configField = "allowedCidrs";

  public check(resource: ResolvedResource, index: ResourceIndex): string[] {
    const rules =
      resource.type === "aws_security_group"
        ? ingressInto(index, resource.address).filter((r) => r.path === resource.path).map((r) => r.rule)
        : resource.type === "aws_security_group_rule" && resource.props.type !== "ingress"
          ? []
          : [resource.props];
    const lbGroups = loadBalancerSecurityGroups(index);
    const ports = listenerPorts(index);
    const problems: string[] = [];
    for (const rule of rules) {
      const open = openCidrs(rule);
      if (open.length === 0) continue;
      const group = resource.type === "aws_security_group" ? resource.address : referencedAddresses(rule.security_group_id)[0];
      const from = Number(rule.from_port ?? 0);
      const to = Number(rule.to_port ?? 65535);
      const allPorts = rule.ip_protocol === "-1" || rule.protocol === "-1";
      if (!group || !lbGroups.has(group)) {
        problems.push(`ingress from ${open.join(", ")} into ${group ?? "a security group"}, which is not a load balancer's group`);
      } else if (allPorts || from !== to || !ports.has(from)) {
        problems.push(`ingress from ${open.join(", ")} on ports ${allPorts ? "all" : `${from}-${to}`}; only listener ports (${[...ports].join(", ")}) may be open`);
      }
    }
    return problems;
  }
}
