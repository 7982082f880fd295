import { DefaultTokenResolver, StringConcat, TerraformResource, TerraformStack, Tokenization } from "cdktf";
import type { IConstruct } from "constructs";

/** A resource as Terraform will see it: type, address, construct path and resolved arguments. */
export interface ResolvedResource {
  /** Terraform type, e.g. `aws_ecs_service`. */
  readonly type: string;
  /** Terraform address, e.g. `aws_ecs_service.chat_runtime_service_EFCD1C1E`. */
  readonly address: string;
  /** Construct path, e.g. `prod/chat/runtime/service`. */
  readonly path: string;
  /** Arguments with references resolved to `${type.name.attribute}` expressions, as in cdk.tf.json. */
  readonly props: Readonly<Record<string, any>>;
  /** The construct itself (for its metadata). */
  readonly construct: TerraformResource;
}

/**
 * The resources of one stack, resolved on demand and at most once each, so rules can
 * look at each other's resources (a bucket's policy, a service's security groups).
 */
export class ResourceIndex {
  private static readonly indexes = new WeakMap<TerraformStack, ResourceIndex>();
  private readonly resolved = new WeakMap<TerraformResource, ResolvedResource>();
  private byType?: Map<string, TerraformResource[]>;

  /** The index of the stack a construct belongs to. */
  public static of(construct: IConstruct): ResourceIndex {
    const stack = TerraformStack.of(construct);
    let index = ResourceIndex.indexes.get(stack);
    if (!index) {
      index = new ResourceIndex(stack);
      ResourceIndex.indexes.set(stack, index);
    }
    return index;
  }

  private constructor(private readonly stack: TerraformStack) {}

  /** A resource, resolved. */
  public resolve(resource: TerraformResource): ResolvedResource {
    let result = this.resolved.get(resource);
    if (!result) {
      const type = resource.terraformResourceType;
      const id = resource.friendlyUniqueId;
      const json = Tokenization.resolve(resource.toTerraform(), {
        scope: this.stack,
        preparing: false,
        resolver: new DefaultTokenResolver(new StringConcat()),
      });
      result = { type, address: `${type}.${id}`, path: resource.node.path, props: json.resource[type][id], construct: resource };
      this.resolved.set(resource, result);
    }
    return result;
  }

  /** Every resource of a Terraform type in the stack, resolved. */
  public ofType(type: string): ResolvedResource[] {
    if (!this.byType) {
      this.byType = new Map();
      for (const construct of this.stack.node.findAll()) {
        if (TerraformResource.isTerraformResource(construct)) {
          const list = this.byType.get(construct.terraformResourceType) ?? [];
          list.push(construct);
          this.byType.set(construct.terraformResourceType, list);
        }
      }
    }
    return (this.byType.get(type) ?? []).map((r) => this.resolve(r));
  }
}

/** True when a resolved value refers to an attribute of the resource at `address`. */
export function refersTo(value: unknown, address: string): boolean {
  return typeof value === "string" && value.includes(`\${${address}.`);
}

/** The addresses a resolved value refers to (`${aws_x.name.attr}` becomes `aws_x.name`). */
export function referencedAddresses(value: unknown): string[] {
  const text = typeof value === "string" ? value : JSON.stringify(value ?? null);
  return [...text.matchAll(/\$\{((?:data\.)?[a-z0-9_]+\.[A-Za-z0-9_-]+)\./g)].map((m) => m[1]);
}
