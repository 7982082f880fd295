import type { NestedBlock, SchemaAttribute, SchemaBlock } from "../schema/provider-schema";

/** A provider schema in the shape of tfplugin6's `Schema` message (proto field names, as proto-loader takes them). */
export interface SchemaMessage {
  readonly version: number;
  readonly block: BlockMessage;
}

interface BlockMessage {
  readonly version: number;
  readonly attributes: readonly AttributeMessage[];
  readonly block_types: readonly NestedBlockMessage[];
}

interface AttributeMessage {
  readonly name: string;
  /** The cty type as JSON, which is how the protocol carries types. */
  readonly type: Buffer;
  readonly required: boolean;
  readonly optional: boolean;
  readonly computed: boolean;
}

interface NestedBlockMessage {
  readonly type_name: string;
  readonly block: BlockMessage;
  readonly nesting: string;
  readonly min_items: number;
  readonly max_items: number;
}

function attributeMessage(attribute: SchemaAttribute): AttributeMessage {
  const { name, required, optional, computed } = attribute;
  return { name, type: Buffer.from(JSON.stringify(attribute.type)), required, optional, computed };
}

function nestedBlockMessage(nested: NestedBlock): NestedBlockMessage {
  return { type_name: nested.typeName, block: blockMessage(nested.block), nesting: nested.nesting, min_items: nested.minItems, max_items: nested.maxItems };
}

function blockMessage(block: SchemaBlock): BlockMessage {
  return { version: 0, attributes: block.attributes.map(attributeMessage), block_types: block.blockTypes.map(nestedBlockMessage) };
}

/** The `Schema` message of a block (schema version 0: the stand-in never upgrades state). */
export function schemaMessage(block: SchemaBlock): SchemaMessage {
  return { version: 0, block: blockMessage(block) };
}
