import { join } from "node:path";
import * as protobuf from "protobufjs";
import type { StandInAnswers } from "./answers";

/**
 * Encodes answers with the protocol files beside this one (tfplugin6.proto, go-plugin.proto,
 * health.proto): each method's response type, and whether it streams, come from the
 * service definitions there, so the .proto files are the only description of the wire
 * format. Field names are the protocol's (`resource_schemas`), enums their names (`"LIST"`).
 */
export const PROTOCOL_FILES = ["tfplugin6.proto", "go-plugin.proto", "health.proto"] as const;

/** The loaded protocol definitions. */
export function loadProtocol(): protobuf.Root {
  const root = new protobuf.Root();
  root.loadSync(PROTOCOL_FILES.map((file) => join(__dirname, file)), { keepCase: true });
  root.resolveAll();
  return root;
}

/** Every method of every service in the protocol files, by gRPC path. */
export function protocolMethods(root: protobuf.Root = loadProtocol()): Map<string, protobuf.Method> {
  const methods = new Map<string, protobuf.Method>();
  const visit = (namespace: protobuf.NamespaceBase): void => {
    for (const nested of namespace.nestedArray) {
      if (nested instanceof protobuf.Service) {
        const service = nested.fullName.replace(/^\./, "");
        for (const method of nested.methodsArray) methods.set(`/${service}/${method.name}`, method);
      } else if (nested instanceof protobuf.Namespace) {
        visit(nested);
      }
    }
  };
  visit(root);
  return methods;
}

/**
 * Throws for a key that is not a field of the message type, at any depth: protobufjs would
 * drop it silently, and a misspelt field (`resource_schema`) would go unnoticed.
 */
function checkFields(type: protobuf.Type, value: object, path: string): void {
  for (const [key, item] of Object.entries(value)) {
    const field = type.fields[key];
    if (!field) throw new Error(`${path}: ${type.name} has no field ${key}`);
    field.resolve();
    if (!(field.resolvedType instanceof protobuf.Type) || item === null || item === undefined) continue;
    const nested = field.resolvedType;
    const items: unknown[] = field.map ? Object.values(item as object) : field.repeated ? (item as unknown[]) : [item];
    for (const element of items) checkFields(nested, element as object, `${path}.${key}`);
  }
}

/**
 * The answers file for unary responses given as plain objects, by gRPC path. Every
 * streaming method of the protocol is held open; `shutdown` names the method after which
 * the plugin exits. Throws for a path the protocol does not define or an object that does
 * not fit its response type.
 */
export function encodeAnswers(responses: { readonly [path: string]: object }, shutdown: string): StandInAnswers {
  const root = loadProtocol();
  const methods = protocolMethods(root);
  const unary: Record<string, string> = {};
  for (const [path, response] of Object.entries(responses)) {
    const method = methods.get(path);
    if (!method) throw new Error(`${path}: no such method in ${PROTOCOL_FILES.join(", ")}`);
    if (method.responseStream) throw new Error(`${path}: streams; the stand-in answers it with an open stream, not a message`);
    const type = root.lookupType(method.responseType);
    checkFields(type, response, path);
    unary[path] = Buffer.from(type.encode(type.fromObject(response)).finish()).toString("base64");
  }
  if (!(shutdown in unary)) throw new Error(`${shutdown}: the shutdown method needs an answer`);
  const streams = [...methods].filter(([, method]) => method.responseStream).map(([path]) => path);
  return { unary, streams, shutdown };
}
