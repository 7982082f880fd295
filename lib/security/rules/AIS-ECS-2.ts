import { WRITABLE_ROOT_METADATA } from "../rule-ids";
import { CannotCheck, containersOf, isComputed } from "../inspect";
import type { ResolvedResource } from "../resource-index";
import { PolicyRule } from "../rule";

/** AIS-ECS-2: containers cannot modify their own image at run time. */
export class ReadOnlyRootFilesystem extends PolicyRule {
  public readonly id = "AIS-ECS-2";
  public readonly description = "containers run with a read-only root filesystem unless the config opts out with a reason";
  public readonly hint = "keep filesystem.readOnlyRoot true and list writable directories in filesystem.writablePaths, or set readOnlyRoot: false with a reason";
  public readonly resourceTypes = ["aws_ecs_task_definition"];
  public readonly configField = "filesystem";

  public check(taskDefinition: ResolvedResource): string[] {
    const optedOut = taskDefinition.construct.node.metadata.some((m) => m.type === WRITABLE_ROOT_METADATA && typeof m.data === "string" && m.data.trim() !== "");
    if (optedOut) return [];
    const containers = containersOf(taskDefinition);
    const computed = containers.find((c) => isComputed(c.readonlyRootFilesystem));
    if (computed) throw new CannotCheck(`container ${computed.name}'s readonlyRootFilesystem is computed by Terraform (${computed.readonlyRootFilesystem.$computed})`);
    return containers
      .filter((c) => c.readonlyRootFilesystem !== true)
      .map((c) => `container ${c.name} of ${taskDefinition.props.family} has a writable root filesystem`);
  }
}
