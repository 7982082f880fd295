import { arnPartitionProblem } from "../aws/arns";
import { cidrKey } from "../aws/formats";
import type { ParsedEnvironment } from "./schema";
import type { Finding } from "./validate";

/**
 * The network and the shared load balancer against what EC2 and Elastic Load Balancing accept:
 * subnets and CIDR blocks listed once, the certificate in the Region's partition. (At most as many
 * web services as one load balancer takes rules: see size-limits.ts.)
 */
export function networkFindings(config: ParsedEnvironment): Finding[] {
  const findings: Finding[] = [];
  const network = config.network;
  if (network.mode === "existing") {
    for (const field of ["publicSubnetIds", "privateSubnetIds"] as const) {
      const first = new Map<string, number>();
      network[field].forEach((subnet, index) => {
        const earlier = first.get(subnet);
        if (earlier === undefined) {
          first.set(subnet, index);
          return;
        }
        const why = field === "publicSubnetIds" ? "; an Application Load Balancer needs two different subnets, in two Availability Zones" : "";
        findings.push({ path: ["network", field, index], value: subnet, message: `is listed twice (also ${field}[${earlier}])${why}` });
      });
    }
  }

  const cidrs = new Map<string, number>();
  config.loadBalancer.allowedCidrs.forEach((cidr, index) => {
    const key = cidrKey(cidr);
    if (key === undefined) return;
    const earlier = cidrs.get(key);
    if (earlier === undefined) cidrs.set(key, index);
    else {
      const same = config.loadBalancer.allowedCidrs[earlier];
      findings.push({
        path: ["loadBalancer", "allowedCidrs", index],
        value: cidr,
        message: `is the network of allowedCidrs[${earlier}]${same === cidr ? "" : ` (${same})`} again; EC2 refuses a security group rule that duplicates another`,
      });
    }
  });

  const certificate = config.loadBalancer.certificateArn;
  // A certificate of another Region is reported as such (validate.ts); its partition follows from that.
  const partition = certificate && certificate.split(":")[3] === config.region && arnPartitionProblem(certificate, config.region);
  if (partition) findings.push({ path: ["loadBalancer", "certificateArn"], value: certificate, message: partition });

  return findings;
}
