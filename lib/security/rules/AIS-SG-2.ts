import { ingressInto, loadBalancerSecurityGroups } from "../inspect";
import type { ResolvedResource, ResourceIndex } from "../resource-index";
import { referencedAddresses } from "../resource-index";
import { PolicyRule } from "../rule";

/** AIS-SG-2: a service's tasks accept traffic from the load balancer's group and nothing else. */
export class ServicesOnlyFromLoadBalancer extends PolicyRule {
  public readonly id = "AIS-SG-2";
  public readonly description = "services are reachable only from the load balancer's security group (workers from nowhere)";
  public readonly hint = "remove CIDR-based or other-group ingress from the service's security group";
  public readonly resourceTypes = ["aws_ecs_service"];

  public check(service: ResolvedResource, index: ResourceIndex): string[] {
    const lbGroups = loadBalancerSecurityGroups(index);
    const groups = referencedAddresses(service.props.network_configuration?.security_groups);
    const problems: string[] = [];
    for (const group of groups) {
      for (const { path, rule } of ingressInto(index, group)) {
        const source = referencedAddresses(rule.referenced_security_group_id ?? rule.source_security_group_id ?? rule.security_groups);
        const fromLoadBalancer = source.length > 0 && source.every((s) => lbGroups.has(s));
        const cidrs = [rule.cidr_ipv4, rule.cidr_ipv6, rule.prefix_list_id, ...(rule.cidr_blocks ?? [])].filter(Boolean);
        if (!fromLoadBalancer || cidrs.length > 0) {
          problems.push(`service ${service.props.name} admits traffic from ${cidrs.length ? cidrs.join(", ") : source.join(", ") || "an unknown source"} (${path})`);
        }
      }
    }
    return problems;
  }
}
