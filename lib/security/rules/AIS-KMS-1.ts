import { CannotCheck, isTerraformReference } from "../inspect";
import type { ResolvedResource } from "../resource-index";
import { PolicyRule } from "../rule";

/** AIS-KMS-1: customer-managed keys rotate their key material every year. */
export class KeyRotates extends PolicyRule {
  public readonly id = "AIS-KMS-1";
  public readonly description = "customer-managed KMS keys the stacks create rotate yearly";
  public readonly hint = "set enable_key_rotation = true on the key (the environment and state keys do)";
  public readonly resourceTypes = ["aws_kms_key"];

  public check(key: ResolvedResource): string[] {
    const rotation = key.props.enable_key_rotation;
    if (isTerraformReference(rotation)) throw new CannotCheck(`enable_key_rotation is computed by Terraform (${rotation})`);
    return rotation === true ? [] : [`key ${key.props.description ?? key.path} does not rotate`];
  }
}
