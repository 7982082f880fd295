import type { ResolvedResource } from "../resource-index";
import { PolicyRule } from "../rule";

/** AIS-EC2-2: GPU instances' volumes (model weights, caches) are encrypted at rest. */
export class EncryptedRootVolume extends PolicyRule {
  public readonly id = "AIS-EC2-2";
  public readonly description = "GPU instances' root and data volumes are encrypted";
  public readonly hint = "give the launch template a block_device_mappings entry for the root device with ebs { encrypted = true }";
  public readonly resourceTypes = ["aws_launch_template"];
  public readonly configField = "compute";

  public check(template: ResolvedResource): string[] {
    const mappings: Array<Record<string, any>> = template.props.block_device_mappings ?? [];
    const name = template.props.name ?? template.props.name_prefix ?? "";
    if (mappings.length === 0) return [`launch template ${name} maps no encrypted root volume`];
    return mappings.filter((m) => m.ebs && String(m.ebs.encrypted) !== "true").map((m) => `launch template ${name} maps ${m.device_name} unencrypted`);
  }
}
