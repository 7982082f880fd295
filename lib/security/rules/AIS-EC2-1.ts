import type { ResolvedResource } from "../resource-index";
import { PolicyRule } from "../rule";

/** AIS-EC2-1: GPU instances require IMDSv2, so a server-side request forgery cannot read instance credentials. */
export class InstanceMetadataV2 extends PolicyRule {
  public readonly id = "AIS-EC2-1";
  public readonly description = "GPU instances require IMDSv2 (instance metadata tokens)";
  public readonly hint = 'set metadata_options { http_tokens = "required" } on the launch template';
  public readonly resourceTypes = ["aws_launch_template"];
  public readonly configField = "compute";

  public check(template: ResolvedResource): string[] {
    return template.props.metadata_options?.http_tokens === "required" ? [] : [`launch template ${template.props.name ?? template.props.name_prefix ?? ""} does not require IMDSv2`];
  }
}
