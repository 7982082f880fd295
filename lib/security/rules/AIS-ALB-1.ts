import type { ResolvedResource } from "../resource-index";
import { PolicyRule } from "../rule";

/** AIS-ALB-1: malformed headers are dropped before they reach a model server (request smuggling). */
export class DropInvalidHeaders extends PolicyRule {
  public readonly id = "AIS-ALB-1";
  public readonly description = "application load balancers drop invalid header fields";
  public readonly hint = "set drop_invalid_header_fields = true on the load balancer";
  public readonly resourceTypes = ["aws_lb"];

  public check(lb: ResolvedResource): string[] {
    const application = (lb.props.load_balancer_type ?? "application") === "application";
    return application && lb.props.drop_invalid_header_fields !== true ? [`load balancer ${lb.props.name} passes invalid header fields on`] : [];
  }
}
