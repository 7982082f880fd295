/**
 * Which keys of a resource body are nested blocks. Terraform JSON writes a block and an
 * attribute holding a list of objects the same way, so the HCL writer takes this from
 * cdktf's own HCL fragments (`toHclTerraform()`), which the provider bindings fill with
 * `isBlock` from the provider schema.
 */
export interface BlockSchema {
  readonly blocks: ReadonlyMap<string, BlockSchema>;
}

export const NO_BLOCKS: BlockSchema = { blocks: new Map() };

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype;

interface TypedAttribute {
  readonly value?: unknown;
  readonly isBlock?: boolean;
  readonly is_block?: boolean;
}

function isTypedBlock(value: unknown): value is TypedAttribute {
  return isPlainObject(value) && "value" in value && (value.isBlock === true || value.is_block === true);
}

/** The block schema of one typed body from a cdktf HCL fragment. */
export function blockSchemaOf(typed: unknown): BlockSchema {
  if (!isPlainObject(typed)) return NO_BLOCKS;
  const blocks = new Map<string, BlockSchema>();
  for (const [key, value] of Object.entries(typed)) {
    if (!isTypedBlock(value)) continue;
    const bodies = Array.isArray(value.value) ? value.value : [value.value];
    blocks.set(key, mergeSchemas(bodies.map(blockSchemaOf)));
  }
  return { blocks };
}

/** One schema holding the blocks of all the given ones (repeated blocks may set different keys). */
export function mergeSchemas(schemas: readonly BlockSchema[]): BlockSchema {
  const blocks = new Map<string, BlockSchema[]>();
  for (const schema of schemas) {
    for (const [key, child] of schema.blocks) blocks.set(key, [...(blocks.get(key) ?? []), child]);
  }
  return { blocks: new Map([...blocks].map(([key, children]) => [key, mergeSchemas(children)])) };
}

/**
 * The schema of `dynamic` block content, which cdktf passes through untyped: keys known
 * from static blocks of the same type, and any value that is an object or a list of
 * objects (a block in Terraform JSON's block form).
 */
export function dynamicContentSchema(content: Record<string, unknown>, known: BlockSchema | undefined): BlockSchema {
  const blocks = new Map(known?.blocks ?? []);
  for (const [key, value] of Object.entries(content)) {
    const items = Array.isArray(value) ? value : [value];
    if (!blocks.has(key) && items.length > 0 && items.every(isPlainObject)) {
      blocks.set(key, dynamicContentSchema(Object.assign({}, ...items) as Record<string, unknown>, undefined));
    }
  }
  return { blocks };
}
