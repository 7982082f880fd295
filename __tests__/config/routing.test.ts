import fc from "fast-check";
import { derivedPriority, fnv1a, routeCovers, type Route } from "../../lib/config/routing";
import type { WebServiceConfig } from "../../lib/config/schema";
import { baseInput, configOf, Input, problemsOf, synthEnvironment, oneResource } from "../helpers";

const chat = () => (baseInput().services as Input).chat as Input;
/** The base environment with web services `name: routing`. */
const routed = (routes: Record<string, Input>): Input => ({
  ...baseInput(),
  services: Object.fromEntries(Object.entries(routes).map(([name, routing]) => [name, { ...chat(), routing }])),
});
const priorities = (routes: Record<string, Input>) =>
  Object.fromEntries(Object.entries(configOf(routed(routes)).services).map(([name, s]) => [name, (s as WebServiceConfig).routing.priority]));

describe("listener rule order", () => {
  test("the longer path is evaluated first, whatever the service names", () => {
    const p = priorities({ chat: { pathPrefix: "/v1" }, embeddings: { pathPrefix: "/v1/chat" } });
    expect(p.embeddings).toBeLessThan(p.chat);
  });

  test("a host route comes before any route without a host; an exact host before a wildcard", () => {
    const p = priorities({ any: { pathPrefix: "/v1/chat/stream" }, exact: { host: "api.acme.example" }, wild: { host: "*.acme.example", pathPrefix: "/v1" } });
    expect(p.exact).toBeLessThan(p.wild);
    expect(p.wild).toBeLessThan(p.any);
  });

  test("a route covered by another is always evaluated before it (property)", () => {
    const segment = fc.constantFrom("v1", "v2", "chat", "embed");
    const path = fc.array(segment, { maxLength: 6 }).map((s) => (s.length ? `/${s.join("/")}` : undefined));
    const host = fc.constantFrom(undefined, "api.acme.example", "eu.api.acme.example", "*.acme.example", "*.api.acme.example");
    const route = fc.record({ host, pathPrefix: path }).map((r): Route => (r.host === undefined && r.pathPrefix === undefined ? { pathPrefix: "/" } : r));
    fc.assert(
      fc.property(route, route, fc.string({ minLength: 1, maxLength: 10 }), fc.string({ minLength: 1, maxLength: 10 }), (outer, inner, a, b) => {
        const same = (outer.host ?? "") === (inner.host ?? "") && (outer.pathPrefix ?? "/") === (inner.pathPrefix ?? "/");
        fc.pre(!same && routeCovers(outer, inner));
        return derivedPriority(b, inner) < derivedPriority(a, outer);
      }),
    );
  });

  test("the listener rule carries the derived priority and a prefix without its trailing slash", () => {
    const rule = oneResource(synthEnvironment(configOf(routed({ chat: { pathPrefix: "/v1/chat/" } }))), "aws_lb_listener_rule");
    expect(rule.priority).toBe(45108);
    expect(rule.condition).toEqual([{ path_pattern: { values: ["/v1/chat", "/v1/chat/*"] } }]);
  });
});

describe("priorities stay put when other services come and go", () => {
  const before = priorities({ chat: { pathPrefix: "/v1/chat" }, embeddings: { pathPrefix: "/v1/embeddings" } });

  test("adding a service, even one ordered before them, renumbers none of the others", () => {
    const after = priorities({ chat: { pathPrefix: "/v1/chat" }, embeddings: { pathPrefix: "/v1/embeddings" }, aaa: { pathPrefix: "/v1/aaa/deep" }, all: { pathPrefix: "/" } });
    expect({ chat: after.chat, embeddings: after.embeddings }).toEqual(before);
  });

  test("removing a service renumbers none of the others", () => {
    expect(priorities({ embeddings: { pathPrefix: "/v1/embeddings" } })).toEqual({ embeddings: before.embeddings });
  });

  test("the scheme is pinned: band 45 (no host, two segments), slot FNV-1a(name) mod 1000", () => {
    expect(fnv1a("chat")).toBe(2722888107);
    expect(before).toEqual({ chat: 45108, embeddings: 45028 });
  });
});

describe("rejected routes", () => {
  test("a trailing slash does not make a route different", () => {
    expect(problemsOf(routed({ a: { pathPrefix: "/v1/chat" }, b: { pathPrefix: "/v1/chat/" } }))).toEqual([
      'config/test.yaml:24: services.b.routing: routes the same requests as service "a" (any host, path /v1/chat); give each service its own pathPrefix or host',
    ]);
  });

  test("a route that a rule evaluated before it covers is rejected, naming both services", () => {
    expect(problemsOf(routed({ chat: { pathPrefix: "/v1", priority: 5 }, embeddings: { pathPrefix: "/v1/chat" } }))).toEqual([
      'config/test.yaml:25: services.embeddings.routing: never receives a request: service "chat" (any host, path /v1, priority 5) matches every request of service "embeddings" (any host, path /v1/chat, priority 45028) and is evaluated first; give "embeddings" a priority below 5, or "chat" a more specific route',
    ]);
  });

  test("a pinned priority behind a catch-all is rejected on the priority", () => {
    expect(problemsOf(routed({ all: { pathPrefix: "/" }, late: { host: "api.acme.example", priority: 49000 } }))).toEqual([
      'config/test.yaml:26: services.late.routing.priority = 49000: never receives a request: service "all" (any host, any path, priority 47333) matches every request of service "late" (host api.acme.example, any path, priority 49000) and is evaluated first; give "late" a priority below 47333, or "all" a more specific route',
    ]);
  });

  test("two services whose names land on the same priority: one must be pinned, and a free one is offered", () => {
    expect(fnv1a("chat") % 1000).toBe(fnv1a("ocr-v30") % 1000);
    expect(problemsOf(routed({ chat: { pathPrefix: "/chat" }, "ocr-v30": { pathPrefix: "/ocr" } }))).toEqual([
      'config/test.yaml:24: services.ocr-v30.routing: derives listener rule priority 46108 from its route and name, which service "chat" has too; set routing.priority on one of them (46109 is free and keeps the order of the routes)',
    ]);
  });

  test("a pinned priority that another service derives is rejected", () => {
    expect(problemsOf(routed({ chat: { pathPrefix: "/chat" }, other: { pathPrefix: "/other", priority: 46108 } }))).toEqual([
      'config/test.yaml:26: services.other.routing.priority = 46108: is also the priority service "chat" derives from its route and name; listener rule priorities must be unique',
    ]);
  });

  test("a path prefix whose pattern would exceed ALB's 128 characters", () => {
    const long = `/${"a".repeat(126)}`;
    expect(problemsOf(routed({ chat: { pathPrefix: long } }))).toEqual([
      `config/test.yaml:13: services.chat.routing.pathPrefix = "${long}": is longer than 126 characters; its pattern "<prefix>/*" must fit ALB's 128-character limit on path patterns`,
    ]);
  });

  test("a host longer than ALB's 128 characters", () => {
    const host = `${"a".repeat(63)}.${"b".repeat(63)}.com`;
    expect(problemsOf(routed({ chat: { host } }))).toEqual([
      `config/test.yaml:13: services.chat.routing.host = "${host}": is longer than 128 characters, ALB's limit on host conditions`,
    ]);
  });
});
