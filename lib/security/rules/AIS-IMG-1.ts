import { imageHasDigest } from "../../aws/formats";
import { checkedAtPlan, containersOf, isComputed, isTerraformReference } from "../inspect";
import type { ResolvedResource } from "../resource-index";
import { PolicyRule, Severity } from "../rule";

/** AIS-IMG-1: production runs exactly the image that was tested; a tag can move. */
export class ImagesPinnedByDigest extends PolicyRule {
  public readonly id = "AIS-IMG-1";
  public readonly description = "images are pinned by digest (an error in production, a warning elsewhere)";
  public readonly hint = 'reference the image as "<repository>:<tag>@sha256:<digest>"';
  public readonly resourceTypes = ["aws_ecs_task_definition"];
  public readonly configField = "image";

  public severity(): Severity {
    return this.context.production ? "error" : "warning";
  }

  public check(taskDefinition: ResolvedResource): string[] {
    return containersOf(taskDefinition)
      .filter((c) => !imageHasDigest(String(c.image)))
      // An image Terraform computes passes when the task definition checks the digest at plan time (the module's precondition).
      .filter((c) => !((isTerraformReference(c.image) || isComputed(c.image)) && checkedAtPlan(taskDefinition, this.id, isComputed(c.image) ? c.image.$computed : c.image)))
      .map((c) =>
        isTerraformReference(c.image) || isComputed(c.image)
          ? `cannot check container ${c.name}: its image is computed by Terraform (${isComputed(c.image) ? c.image.$computed : c.image}), so it is not known to be pinned by digest`
          : `container ${c.name} uses ${c.image}, which is not pinned by digest`,
      );
  }
}
