import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { Construct } from "constructs";

export interface StateKeyProps {
  /** Alias name, `alias/...` (what the environments' S3 backends name as kms_key_id). */
  readonly alias: string;
  readonly region: string;
  /** What the key is for (its description). */
  readonly description: string;
}

/**
 * The customer-managed KMS key that encrypts a state bucket (SSE-KMS with a bucket key), with
 * yearly rotation and an alias. Its key policy is the default one (the account's IAM policies
 * decide who may decrypt), so who can read the state is an IAM decision made in one place:
 * the key, not the bucket's many objects.
 * Source: https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
 */
export class StateKey extends Construct {
  public readonly key: KmsKey;
  public readonly alias: KmsAlias;

  constructor(scope: Construct, id: string, props: StateKeyProps) {
    super(scope, id);
    this.key = new KmsKey(this, "key", {
      region: props.region,
      description: props.description,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      lifecycle: { preventDestroy: true },
    });
    this.alias = new KmsAlias(this, "alias", { region: props.region, name: props.alias, targetKeyId: this.key.keyId });
    this.node.defaultChild = this.key;
  }
}
