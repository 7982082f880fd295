import type { BindingSource, ClassMember, HclEntry } from "./binding-parser";
import type { CtyType, NestedBlock, NestingMode, SchemaAttribute, SchemaBlock } from "./provider-schema";

/**
 * The schema block of one binding, from what `BindingSource` reads:
 * - configurable attributes and blocks come from the HCL fragment (`isBlock`, `type`,
 *   `storageClassType`), with required/optional/computed from the class's member comments
 *   (or, for the provider's nested blocks, which have no classes, from `readonly x?:`);
 * - computed-only attributes are the members the HCL fragment does not list, typed by their
 *   getter (`getNumberAttribute` → number, `Fn.tolist(getListAttribute)` → set of strings,
 *   a `XList` holder → list of objects of `XOutputReference`'s members);
 * - a nested block held by `XOutputReference` has at most one item, one held by `XList` any
 *   number; a required block at least one; `struct` blocks nest SINGLE.
 *
 * Limits of the bindings, kept in the schema: nested attributes of plugin-framework
 * resources are recorded like blocks (cdktf marks them `isBlock`) and served as blocks
 * (map-nested ones, which cannot be blocks, are an error); `sensitive`, `deprecated` and
 * `write_only` are not recorded at all; inner collections of nested primitive types
 * (`stringListList`) are served as lists; where the generator stopped at a depth limit it typed
 * a nested block `any` (`aws_wafv2_web_acl`'s `rule.statement`), which is served as a dynamic
 * attribute, and a set block holding one is served as a list block, since Terraform refuses
 * dynamic types in set blocks ("NestingSet blocks may not contain attributes of
 * cty.DynamicPseudoType").
 */

/** Primitive collections by `storageClassType` base and the cty type of their elements. */
const PRIMITIVES: Readonly<Record<string, CtyType>> = { string: "string", number: "number", boolean: "bool", any: "dynamic" };

/** Getter forms of computed-only attributes (attribute name replaced by `*`) and their types. */
const GETTER_TYPES: ReadonlyMap<string, CtyType> = new Map<string, CtyType>([
  ["this.getStringAttribute(*)", "string"],
  ["this.getNumberAttribute(*)", "number"],
  ["this.getBooleanAttribute(*)", "bool"],
  ["this.getListAttribute(*)", ["list", "string"]],
  ["cdktf.Fn.tolist(this.getListAttribute(*))", ["set", "string"]],
  ["this.getNumberListAttribute(*)", ["list", "number"]],
  ["cdktf.Token.asNumberList(cdktf.Fn.tolist(this.getNumberListAttribute(*)))", ["set", "number"]],
  ["this.getStringMapAttribute(*)", ["map", "string"]],
  ["this.getNumberMapAttribute(*)", ["map", "number"]],
  ["this.getBooleanMapAttribute(*)", ["map", "bool"]],
  ["this.interpolationForAttribute(*)", "dynamic"],
  ["cdktf.Token.asAny(cdktf.Fn.tolist(this.interpolationForAttribute(*)))", "dynamic"],
]);

/** cdktf's holder classes of computed primitive maps. */
const HOLDER_TYPES: ReadonlyMap<string, CtyType> = new Map<string, CtyType>([
  ["cdktf.StringMap", ["map", "string"]],
  ["cdktf.NumberMap", ["map", "number"]],
  ["cdktf.BooleanMap", ["map", "bool"]],
  ["cdktf.AnyMap", ["map", "dynamic"]],
]);

/** Where one block's schema is recorded: the class of its members (absent for provider blocks), its HCL fragment, its interface. */
export interface BlockScope {
  /** `XOutputReference` (or the main class); absent when the bindings have no class for the block. */
  readonly className?: string;
  /** The HCL fragment: a `xToHclTerraform` function, or the main class's `synthesizeHclAttributes()`. */
  readonly hcl: { readonly function: string } | { readonly mainClass: string };
  /** The struct interface (`X`), for optional fields when there is no class. */
  readonly interfaceName?: string;
}

/** The scope of the main class of a binding. */
export function mainScope(source: BindingSource): BlockScope {
  const { name } = source.mainClass();
  return { className: name, hcl: { mainClass: name } };
}

/** The schema block recorded in one scope of a binding. */
export function blockSchema(source: BindingSource, scope: BlockScope): SchemaBlock {
  const entries = source.hclEntries(scope.hcl);
  const members = scope.className ? source.classMembers(scope.className) : [];
  const byName = new Map(members.map((member) => [member.name, member]));
  const fields = scope.className || !scope.interfaceName ? undefined : source.interfaceFields(scope.interfaceName);
  const attributes: SchemaAttribute[] = [];
  const blockTypes: NestedBlock[] = [];
  for (const entry of entries) {
    const member = byName.get(entry.name) ?? memberFromInterface(entry, fields, scope);
    if (entry.isBlock) blockTypes.push(nestedBlock(source, entry, member));
    else attributes.push({ name: entry.name, type: configuredType(entry), required: member.required, optional: member.optional, computed: member.computed });
  }
  const configured = new Set(entries.map((entry) => entry.name));
  for (const member of members) {
    if (configured.has(member.name)) continue;
    if (member.optional || member.required) throw new Error(`${scope.className}.${member.name} is configurable but missing from the HCL fragment`);
    attributes.push({ name: member.name, type: computedType(source, member, scope.className!), required: false, optional: false, computed: true });
  }
  return { attributes, blockTypes };
}

/** Flags of a member that has no class (provider blocks): required unless the interface marks it optional. */
function memberFromInterface(entry: HclEntry, fields: Map<string, { optional: boolean }> | undefined, scope: BlockScope): ClassMember {
  const field = /(?:struct!\.|this\._)(\w+)/.exec(entry.value)?.[1];
  const known = field === undefined ? undefined : fields?.get(field);
  if (!known) throw new Error(`${scope.className ?? scope.interfaceName}: no flags recorded for ${entry.name}`);
  return { name: entry.name, computed: false, optional: known.optional, required: !known.optional };
}

/** The struct a block holder or storage class is about: `FooBarList` → `FooBar`. */
function structName(className: string): string {
  return className.replace(/(List|OutputReference|Map)$/, "");
}

const lowerFirst = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

/** A nested block from its HCL entry and its member record. */
function nestedBlock(source: BindingSource, entry: HclEntry, member: ClassMember): NestedBlock {
  const holder = member.holder?.className;
  const struct = structName(holder ?? entry.storageClassType);
  // Held by an OutputReference: one item. Without a class (provider blocks), a list mapper means any number.
  const single = holder ? holder.endsWith("OutputReference") : !/^cdktf\.(listMapperHcl|hashMapperHcl)\(/.test(entry.value);
  // A map of objects is a map-nested attribute of the plugin framework (blocks cannot nest as maps);
  // it needs the protocol's nested attribute types, which the stand-in does not derive.
  const nesting: NestingMode = entry.type === "struct" ? "SINGLE" : entry.type === "set" ? "SET" : entry.type === "list" ? "LIST" : invalid(entry, "block nesting (map-nested attributes are not derived)");
  const className = `${struct}OutputReference`;
  const fn = `${lowerFirst(struct)}ToHclTerraform`;
  if (!source.hasFunction(fn)) throw new Error(`block ${entry.name}: no HCL function ${fn} for struct ${struct}`);
  const minItems = member.required ? 1 : 0;
  const block = blockSchema(source, { className: source.hasClass(className) ? className : undefined, hcl: { function: fn }, interfaceName: struct });
  return {
    typeName: entry.name,
    nesting: nesting === "SET" && hasDynamicTypes(block) ? "LIST" : nesting,
    minItems,
    // Terraform requires SINGLE blocks to have equal bounds (both 0, or both 1 when required).
    maxItems: nesting === "SINGLE" ? minItems : single ? 1 : 0,
    block,
  };
}

/** Whether a block's value type has a dynamic part anywhere (in its attributes or nested blocks). */
function hasDynamicTypes(block: SchemaBlock): boolean {
  return block.attributes.some((attribute) => isDynamic(attribute.type)) || block.blockTypes.some((nested) => hasDynamicTypes(nested.block));
}

function isDynamic(type: CtyType): boolean {
  if (type === "dynamic") return true;
  if (typeof type === "string") return false;
  return type[0] === "object" ? Object.values(type[1]).some(isDynamic) : isDynamic(type[1]);
}

function invalid(entry: HclEntry, what: string): never {
  throw new Error(`${entry.name}: unknown ${what} ${entry.type} / ${entry.storageClassType}`);
}

/**
 * The type of a configurable attribute: `storageClassType` is a primitive followed by
 * collection suffixes (`stringListList`), the outermost of which `type` names (list, set, map).
 */
function configuredType(entry: HclEntry): CtyType {
  const match = /^(string|number|boolean|any)((?:List|Map){0,3})$/.exec(entry.storageClassType);
  if (!match) return invalid(entry, "attribute type");
  let type: CtyType = PRIMITIVES[match[1]];
  const suffixes = match[2].match(/List|Map/g) ?? [];
  if (suffixes.length === 0) return entry.type === "simple" ? type : invalid(entry, "attribute type");
  suffixes.forEach((suffix, index) => {
    const outermost = index === suffixes.length - 1;
    const kind = outermost ? entry.type : suffix === "Map" ? "map" : "list";
    if (kind !== "list" && kind !== "set" && kind !== "map") invalid(entry, "collection");
    type = [kind, type];
  });
  return type;
}

/** The type of a computed-only attribute, from its holder class or its getter. */
function computedType(source: BindingSource, member: ClassMember, owner: string): CtyType {
  const holder = member.holder;
  if (holder) {
    const known = HOLDER_TYPES.get(holder.className);
    if (known) return known;
    if (holder.className.startsWith("cdktf.")) throw new Error(`${owner}.${member.name}: unknown holder ${holder.className}`);
    const struct = structName(holder.className);
    const object = objectType(source, `${struct}OutputReference`);
    if (holder.className.endsWith("List")) return [holder.wrapsSet ? "set" : "list", object];
    if (holder.className.endsWith("Map")) return ["map", object];
    return object;
  }
  const form = member.getter?.replace(/'[a-z0-9_]+'/, "*");
  const type = form === undefined ? undefined : GETTER_TYPES.get(form);
  if (!type) throw new Error(`${owner}.${member.name}: unknown getter form ${member.getter ?? "(none)"}`);
  return type;
}

/** An object type from the members of an `XOutputReference` class. */
function objectType(source: BindingSource, className: string): CtyType {
  const members = source.classMembers(className);
  return ["object", Object.fromEntries(members.map((member) => [member.name, computedType(source, member, className)]))];
}
