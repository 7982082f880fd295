import { IAspect, TerraformResource } from "cdktf";
import type { IConstruct } from "constructs";
import { configSourceOf, locate } from "./config-source";
import { CannotCheck } from "./inspect";
import { PolicyReport } from "./report";
import { ResolvedResource, ResourceIndex } from "./resource-index";

export type Severity = "error" | "warning";

/** What a rule knows of the stack it checks. */
export interface RuleContext {
  /** The environment is marked `production: true` (stricter rules). */
  readonly production: boolean;
}

/**
 * A security rule, applied to a stack as a cdktf Aspect. It looks at the resources of the
 * types it names, resolved as Terraform will see them, and reports each violation with
 * its id, the construct path and a fix hint. One rule per file under `lib/security/rules/`.
 */
export abstract class PolicyRule implements IAspect {
  /** Rule id, e.g. `AIS-S3-1`; the file is named after it. */
  public abstract readonly id: string;
  /** What the rule protects, in one line. */
  public abstract readonly description: string;
  /** How to fix a violation. */
  public abstract readonly hint: string;
  /** Terraform resource types the rule looks at. */
  public abstract readonly resourceTypes: readonly string[];
  /**
   * The config field a violation is about, below the config section the resource comes from
   * (`image` under `services.chat`; `allowedCidrs` under `loadBalancer`); "" for the section;
   * a leading "/" makes it a path from the top of the file (`/network.mode`).
   * @default "" (the section)
   */
  public readonly configField: string = "";

  constructor(protected readonly context: RuleContext) {}

  /** How bad a violation is in this context. @default "error" */
  public severity(): Severity {
    return "error";
  }

  /** Problems with one resource (an empty list when it passes). */
  public abstract check(resource: ResolvedResource, index: ResourceIndex): string[];

  public visit(node: IConstruct): void {
    if (!TerraformResource.isTerraformResource(node) || !this.resourceTypes.includes(node.terraformResourceType)) return;
    const index = ResourceIndex.of(node);
    const resource = index.resolve(node);
    const source = configSourceOf(node);
    const location = source && locate(source, this.configField);
    // Fail closed: a value the rule cannot evaluate is a finding, never a pass.
    let messages: string[];
    try {
      messages = this.check(resource, index);
    } catch (error) {
      if (!(error instanceof CannotCheck)) throw error;
      messages = [`cannot check ${resource.type} ${resource.path}: ${error.message}`];
    }
    for (const message of messages) {
      PolicyReport.of(node).add({ rule: this, path: resource.path, message, severity: this.severity(), location });
    }
  }
}
