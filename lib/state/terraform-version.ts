import type { TerraformStack } from "cdktf";

/**
 * The Terraform versions the stacks need: the S3 backend's `use_lockfile` (S3 native state
 * locking) arrived in Terraform 1.10 (generally available in 1.11). An older Terraform would stop
 * at `init` with "Unsupported argument"; with this constraint it says which version is needed.
 * Sources: https://developer.hashicorp.com/terraform/language/v1.10.x/upgrade-guides (S3 Native State Locking),
 * https://developer.hashicorp.com/terraform/language/backend/s3
 */
export const TERRAFORM_REQUIRED_VERSION = ">= 1.10";

/** Sets `terraform.required_version` on a stack to {@link TERRAFORM_REQUIRED_VERSION}. */
export function requireTerraformVersion(stack: TerraformStack): void {
  stack.addOverride("terraform.required_version", TERRAFORM_REQUIRED_VERSION);
}
