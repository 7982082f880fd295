/**
 * Reads the parts of a binding's TypeScript source (see `binding-source.ts`) that record
 * the provider schema. The generator writes them in a fixed form, one item per line,
 * which this reads line by line with anchored patterns:
 *
 * - classes (`export class X extends cdktf.Y {` to a `}` line): the resource itself and one
 *   `XOutputReference` per nested block or object, each attribute introduced by
 *   `// name - computed: a, optional: b, required: c`, then the field that holds it
 *   (`private _x = new XList(this, "x", true);` for nested blocks and objects) and its getter
 *   (`return this.getStringAttribute('x');`);
 * - HCL fragments (`const attrs = {` in `synthesizeHclAttributes()` and in each
 *   `xToHclTerraform` function): per configurable attribute `isBlock`, `type` (simple, list,
 *   set, map, struct) and `storageClassType` (string, stringList, numberMap, or a class name);
 * - interfaces (`export interface X {`): which fields are optional (`readonly x?:`).
 *
 * Anything in another form is an error naming the line, never a guess.
 */

/** A configurable attribute or block, from an HCL fragment. */
export interface HclEntry {
  /** Terraform name (`capacity_provider_strategy`). */
  readonly name: string;
  /** The TypeScript expression of the value, e.g. `cdktf.listMapperHcl(fooToHclTerraform, true)(this._foo.internalValue)`. */
  readonly value: string;
  readonly isBlock: boolean;
  readonly type: string;
  readonly storageClassType: string;
}

/** What a class records of one attribute or block. */
export interface ClassMember {
  /** Terraform name. */
  readonly name: string;
  readonly computed: boolean;
  readonly optional: boolean;
  readonly required: boolean;
  /** The class that holds a nested block or object (`XList`, `XOutputReference`, `XMap`, `cdktf.StringMap`), with its `wrapsSet` argument. */
  readonly holder?: { readonly className: string; readonly wrapsSet?: boolean };
  /** The expression the attribute's getter returns, e.g. `this.getStringAttribute('arn')`. */
  readonly getter?: string;
}

/** The class a Terraform type's binding is built around. */
export interface MainClass {
  readonly name: string;
  /** `TerraformResource`, `TerraformDataSource` or `TerraformProvider`. */
  readonly base: string;
  /** The Terraform type name (`aws_ecs_service`; `aws` for the provider). */
  readonly terraformType: string;
}

interface Span {
  readonly start: number;
  readonly end: number;
}

const CLASS_START = /^export class (\w+) extends cdktf\.(\w+) \{$/;
const FUNCTION_START = /^export function (\w+)\(/;
const INTERFACE_START = /^export interface (\w+)(?: extends [\w.]+)? \{$/;
const MEMBER_COMMENT = /^ {2}\/\/ ([a-z0-9_]+) - computed: (true|false), optional: (true|false), required: (true|false)$/;
const HOLDER_FIELD = /^ {2}private _\w+ = new ([\w.]+)\(this, "([a-z0-9_]+)"(?:, (true|false))?\);$/;
const GETTER_START = /^ {2}public get (\w+)\(\) \{$/;
const RETURN = /^ {4}return (.+);$/;
const ATTRS_START = /^ +const attrs = \{(\};)?$/;
const ATTRS_END = /^ +\};$/;
const ENTRY_START = /^ +([a-z0-9_]+): \{$/;
const ENTRY_END = /^ +\},$/;
const ENTRY_VALUE = /^ +value: (.+),$/;
const ENTRY_IS_BLOCK = /^ +isBlock: (true|false),$/;
const ENTRY_TYPE = /^ +type: "(\w+)",$/;
const ENTRY_STORAGE = /^ +storageClassType: "(\w+)",$/;
const INTERFACE_FIELD = /^ {2}readonly (\w+)(\?)?: /;
const TF_TYPE = /^ {2}public static readonly tfResourceType = "([a-z0-9_]+)";$/;
const GENERATOR_VERSION = /^ +providerVersion: '([0-9][0-9A-Za-z.+-]{0,40})',?$/;

/** The schema-bearing parts of one binding's TypeScript source, indexed by name. */
export class BindingSource {
  private readonly lines: readonly string[];
  private readonly classes = new Map<string, Span & { base: string }>();
  private readonly functions = new Map<string, Span>();
  private readonly interfaces = new Map<string, Span>();

  /** @param label names the binding in error messages (e.g. `resource aws_ecs_service`). */
  constructor(
    text: string,
    private readonly label: string,
  ) {
    this.lines = text.split("\n");
    for (let i = 0; i < this.lines.length; i++) {
      const line = this.lines[i];
      if (!line.startsWith("export ")) continue;
      const klass = CLASS_START.exec(line);
      const fn = klass ? null : FUNCTION_START.exec(line);
      const iface = klass || fn ? null : INTERFACE_START.exec(line);
      if (!klass && !fn && !iface) continue;
      const end = this.closingLine(i);
      if (klass) this.classes.set(klass[1], { start: i, end, base: klass[2] });
      else if (fn) this.functions.set(fn[1], { start: i, end });
      else if (iface) this.interfaces.set(iface[1], { start: i, end });
      i = end;
    }
  }

  /** The class that extends a Terraform element (resource, data source or provider). */
  public mainClass(): MainClass {
    const bases = new Set(["TerraformResource", "TerraformDataSource", "TerraformProvider"]);
    const found = [...this.classes].filter(([, span]) => bases.has(span.base));
    if (found.length !== 1) throw new Error(`${this.label}: expected one resource, data source or provider class, found ${found.length}`);
    const [name, span] = found[0];
    const terraformType = this.findLine(span, TF_TYPE)?.[1];
    if (!terraformType) throw new Error(`${this.label}: class ${name} has no tfResourceType`);
    return { name, base: span.base, terraformType };
  }

  /** The provider version the bindings were generated from (`providerVersion: '6.25.0'` in the main class). */
  public generatorVersion(): string {
    const main = this.classes.get(this.mainClass().name)!;
    const version = this.findLine(main, GENERATOR_VERSION)?.[1];
    if (!version) throw new Error(`${this.label}: no providerVersion in the generator metadata`);
    return version;
  }

  /** True when the source declares a class of this name. */
  public hasClass(name: string): boolean {
    return this.classes.has(name);
  }

  /** True when the source declares a function of this name. */
  public hasFunction(name: string): boolean {
    return this.functions.has(name);
  }

  /** The attributes and blocks a class records, in source order. */
  public classMembers(className: string): ClassMember[] {
    const span = this.classes.get(className);
    if (!span) throw new Error(`${this.label}: no class ${className}`);
    const members: ClassMember[] = [];
    for (let i = span.start + 1; i < span.end; i++) {
      const comment = MEMBER_COMMENT.exec(this.lines[i]);
      if (!comment) continue;
      let holder: ClassMember["holder"];
      let getter: string | undefined;
      for (let j = i + 1; j < span.end && !MEMBER_COMMENT.test(this.lines[j]); j++) {
        const field = HOLDER_FIELD.exec(this.lines[j]);
        if (field && field[2] === comment[1]) holder = { className: field[1], wrapsSet: field[3] === undefined ? undefined : field[3] === "true" };
        if (getter === undefined && GETTER_START.test(this.lines[j])) {
          const ret = RETURN.exec(this.lines[j + 1]);
          if (!ret) throw new Error(`${this.label}:${j + 2}: getter of ${comment[1]} does not return on its first line`);
          getter = ret[1];
        }
      }
      members.push({ name: comment[1], computed: comment[2] === "true", optional: comment[3] === "true", required: comment[4] === "true", holder, getter });
    }
    return members;
  }

  /**
   * The HCL fragment of a function (`fooToHclTerraform`) or, for the main class, of its
   * `synthesizeHclAttributes()`.
   */
  public hclEntries(owner: { readonly function: string } | { readonly mainClass: string }): HclEntry[] {
    const span = "function" in owner ? this.functions.get(owner.function) : this.classes.get(owner.mainClass);
    const what = "function" in owner ? `function ${owner.function}` : `class ${owner.mainClass}`;
    if (!span) throw new Error(`${this.label}: no ${what}`);
    let i = span.start;
    while (i < span.end && !ATTRS_START.test(this.lines[i])) i++;
    if (i >= span.end) throw new Error(`${this.label}: ${what} has no HCL attributes`);
    if (this.lines[i].endsWith("{};")) return [];
    const entries: HclEntry[] = [];
    let current: { name: string; value?: string; isBlock?: boolean; type?: string; storageClassType?: string } | undefined;
    for (i++; i < span.end; i++) {
      const line = this.lines[i];
      if (!current) {
        if (ATTRS_END.test(line)) return entries;
        const start = ENTRY_START.exec(line);
        if (!start) throw new Error(`${this.label}:${i + 1}: unexpected line in the HCL attributes of ${what}: ${line.trim()}`);
        current = { name: start[1] };
        continue;
      }
      if (ENTRY_END.test(line)) {
        const { name, value, isBlock, type, storageClassType } = current;
        if (value === undefined || isBlock === undefined || type === undefined || storageClassType === undefined) {
          throw new Error(`${this.label}:${i + 1}: HCL attribute ${name} of ${what} lacks value, isBlock, type or storageClassType`);
        }
        entries.push({ name, value, isBlock, type, storageClassType });
        current = undefined;
        continue;
      }
      const value = ENTRY_VALUE.exec(line);
      const isBlock = ENTRY_IS_BLOCK.exec(line);
      const type = ENTRY_TYPE.exec(line);
      const storage = ENTRY_STORAGE.exec(line);
      if (value) current.value = value[1];
      else if (isBlock) current.isBlock = isBlock[1] === "true";
      else if (type) current.type = type[1];
      else if (storage) current.storageClassType = storage[1];
      else throw new Error(`${this.label}:${i + 1}: unexpected line in HCL attribute ${current.name} of ${what}: ${line.trim()}`);
    }
    throw new Error(`${this.label}: the HCL attributes of ${what} do not end`);
  }

  /** The fields of an interface (TypeScript names) and whether each is optional. */
  public interfaceFields(name: string): Map<string, { readonly optional: boolean }> {
    const span = this.interfaces.get(name);
    if (!span) throw new Error(`${this.label}: no interface ${name}`);
    const fields = new Map<string, { optional: boolean }>();
    for (let i = span.start + 1; i < span.end; i++) {
      const field = INTERFACE_FIELD.exec(this.lines[i]);
      if (field) fields.set(field[1], { optional: field[2] === "?" });
    }
    return fields;
  }

  /** The line of the `}` that closes the declaration opened on line `start`. */
  private closingLine(start: number): number {
    if (this.lines[start].endsWith("}")) return start;
    for (let i = start + 1; i < this.lines.length; i++) if (this.lines[i] === "}") return i;
    throw new Error(`${this.label}:${start + 1}: declaration does not end`);
  }

  private findLine(span: Span, pattern: RegExp): RegExpExecArray | undefined {
    for (let i = span.start; i <= span.end; i++) {
      const match = pattern.exec(this.lines[i]);
      if (match) return match;
    }
    return undefined;
  }
}
