import type { ResolvedResource, ResourceIndex } from "../resource-index";
import { referencedAddresses } from "../resource-index";
import { PolicyRule } from "../rule";

/** AIS-ALB-2: with a certificate, plain HTTP only redirects to HTTPS; nothing is served over it. */
export class HttpRedirectsToHttps extends PolicyRule {
  public readonly id = "AIS-ALB-2";
  public readonly description = "when a load balancer has an HTTPS listener, its HTTP listeners only redirect to HTTPS";
  public readonly hint = "make the port 80 listener's default action a redirect to HTTPS and attach routing rules to the HTTPS listener";
  public readonly resourceTypes = ["aws_lb_listener", "aws_lb_listener_rule"];
  public readonly configField = "certificateArn";

  public check(resource: ResolvedResource, index: ResourceIndex): string[] {
    const listeners = index.ofType("aws_lb_listener");
    const hasHttps = (lb: string) => listeners.some((l) => l.props.protocol === "HTTPS" && referencedAddresses(l.props.load_balancer_arn).includes(lb));
    if (resource.type === "aws_lb_listener_rule") {
      const listener = listeners.find((l) => referencedAddresses(resource.props.listener_arn).includes(l.address));
      const lb = listener && referencedAddresses(listener.props.load_balancer_arn)[0];
      return listener && lb && listener.props.protocol === "HTTP" && hasHttps(lb)
        ? [`listener rule serves requests on the plain HTTP listener (port ${listener.props.port}) of a load balancer with HTTPS`]
        : [];
    }
    const lb = referencedAddresses(resource.props.load_balancer_arn)[0];
    if (resource.props.protocol !== "HTTP" || !lb || !hasHttps(lb)) return [];
    const actions: Array<Record<string, any>> = resource.props.default_action ?? [];
    const redirects = actions.length > 0 && actions.every((a) => a.type === "redirect" && a.redirect?.protocol === "HTTPS");
    return redirects ? [] : [`HTTP listener on port ${resource.props.port} does not redirect to HTTPS`];
  }
}
