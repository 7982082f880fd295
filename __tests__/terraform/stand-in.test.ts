import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import * as http2 from "node:http2";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { deriveProviderSchema } from "../../lib/terraform-check/schema/derive-schema";
import { installStandIn, StandInInstallation } from "../../lib/terraform-check/stand-in-install";
import { startSharedStandIn } from "../../lib/terraform-check/stand-in-server";
import { handshakeLine, launchProblem, MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from "../../lib/terraform-check/stand-in/handshake";
import { grpcFrame } from "../../lib/terraform-check/stand-in/responder";
import { encodeAnswers, loadProtocol } from "../../lib/terraform-check/stand-in/wire-format";

/** The stand-in provider plugin, spoken to the way Terraform speaks to it: go-plugin's launch contract, then gRPC over HTTP/2 on a Unix socket. */

const protocol = loadProtocol();
const document = deriveProviderSchema({ resources: ["aws_sqs_queue"], dataSources: ["aws_vpc"] });
let dir: string;
let installation: StandInInstallation;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "stand-in-test-"));
  installation = installStandIn(dir, document);
}, 30_000);

/** Plugin processes the tests started; any still running when the tests end (a failed test) is stopped. */
const started: ReturnType<typeof spawn>[] = [];

afterAll(() => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
});

interface GrpcReply {
  readonly status: string | undefined;
  readonly grpcMessage: string | undefined;
  readonly body: Buffer;
}

/** One unary gRPC call on a Unix socket; the reply's message bytes without the frame prefix. */
function call(socket: string, path: string, request: Buffer = Buffer.alloc(0)): Promise<GrpcReply> {
  return new Promise((resolve, reject) => {
    const session = http2.connect("http://localhost", { createConnection: () => connect(socket) });
    session.on("error", reject);
    const stream = session.request({ ":method": "POST", ":path": path, "content-type": "application/grpc", te: "trailers" });
    const chunks: Buffer[] = [];
    let status: string | undefined;
    let grpcMessage: string | undefined;
    stream.on("response", (headers) => {
      status = headers["grpc-status"] as string | undefined;
      grpcMessage = headers["grpc-message"] as string | undefined;
    });
    stream.on("trailers", (trailers) => (status = trailers["grpc-status"] as string));
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("error", reject);
    stream.on("end", () => {
      session.close();
      const data = Buffer.concat(chunks);
      resolve({ status, grpcMessage, body: data.length >= 5 ? data.subarray(5, 5 + data.readUInt32BE(1)) : data });
    });
    stream.end(grpcFrame(request));
  });
}

/** Decodes a reply as the response type of `path`. */
function decode(path: string, body: Buffer): any {
  const [service, method] = path.slice(1).split("/");
  const type = protocol.lookupType(protocol.lookupService(service).methods[method].responseType);
  return type.toObject(type.decode(body), { enums: String, longs: Number, defaults: true });
}

/** Starts the plugin as Terraform does (magic cookie, no TLS) and reads its handshake. */
function launch(env: NodeJS.ProcessEnv = {}): Promise<{ child: ReturnType<typeof spawn>; socket: string; exited: Promise<number | null> }> {
  const child = spawn(installation.launcher, [], { env: { ...process.env, ...installation.env, [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  started.push(child);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("\n")) resolve({ child, socket: out.split("|")[3], exited });
    });
    child.once("exit", (code) => reject(new Error(`exited ${code} before the handshake`)));
  });
}

describe("launch contract", () => {
  test("without Terraform's magic cookie it refuses to run", () => {
    expect(launchProblem({})).toMatch(/^This is a Terraform provider plugin .* Terraform starts it/);
  });

  test("it speaks protocol 6 only", () => {
    expect(launchProblem({ [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE, PLUGIN_PROTOCOL_VERSIONS: "4,5" })).toBe("Terraform offers plugin protocol versions 4,5; the stand-in speaks only 6.");
    expect(launchProblem({ [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE, PLUGIN_PROTOCOL_VERSIONS: "5,6" })).toBeUndefined();
  });

  test("it asks for TF_DISABLE_PLUGIN_TLS when Terraform wants TLS", () => {
    expect(launchProblem({ [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE, PLUGIN_CLIENT_CERT: "-----BEGIN CERTIFICATE-----" })).toContain("set TF_DISABLE_PLUGIN_TLS=1");
  });

  test("the handshake line names go-plugin 1, protocol 6, the socket and gRPC, without a certificate", () => {
    expect(handshakeLine("/tmp/x/plugin.sock")).toBe("1|6|unix|/tmp/x/plugin.sock|grpc|\n");
  });

  test("a gRPC frame is an uncompressed flag, a big-endian length and the message", () => {
    expect([...grpcFrame(Buffer.from([7, 8, 9]))]).toEqual([0, 0, 0, 0, 3, 7, 8, 9]);
  });
});

describe("encodeAnswers", () => {
  const shutdown = "/plugin.GRPCController/Shutdown";

  test("rejects a method the protocol files do not define", () => {
    expect(() => encodeAnswers({ "/tfplugin6.Provider/Nope": {}, [shutdown]: {} }, shutdown)).toThrow("/tfplugin6.Provider/Nope: no such method in tfplugin6.proto, go-plugin.proto, health.proto");
  });

  test("rejects an answer for a streaming method", () => {
    expect(() => encodeAnswers({ "/plugin.GRPCStdio/StreamStdio": {}, [shutdown]: {} }, shutdown)).toThrow("/plugin.GRPCStdio/StreamStdio: streams");
  });

  test("rejects a field the response type does not have, at any depth", () => {
    expect(() => encodeAnswers({ "/tfplugin6.Provider/GetProviderSchema": { resource_schema: {} }, [shutdown]: {} }, shutdown)).toThrow("/tfplugin6.Provider/GetProviderSchema: Response has no field resource_schema");
    expect(() => encodeAnswers({ "/tfplugin6.Provider/GetMetadata": { resources: [{ name: "aws_x" }] }, [shutdown]: {} }, shutdown)).toThrow("/tfplugin6.Provider/GetMetadata.resources: ResourceMetadata has no field name");
  });

  test("holds every streaming method of the protocol open", () => {
    expect(encodeAnswers({ [shutdown]: {} }, shutdown).streams).toEqual(["/plugin.GRPCStdio/StreamStdio", "/plugin.GRPCBroker/StartStream"]);
  });
});

describe("installStandIn", () => {
  test("points hashicorp/aws at the launcher through a CLI configuration of its own", () => {
    expect(readFileSync(installation.cliConfigFile, "utf8")).toContain(`"registry.terraform.io/hashicorp/aws" = "${installation.pluginDir}"`);
    expect(installation.launcher).toBe(join(installation.pluginDir, "terraform-provider-aws"));
    expect(installation.env).toMatchObject({ TF_CLI_CONFIG_FILE: installation.cliConfigFile, TF_DISABLE_PLUGIN_TLS: "1" });
  });

  test("the launcher runs the stand-in on this Node", () => {
    expect(readFileSync(installation.launcher, "utf8")).toContain(`exec '${process.execPath}' -r `);
  });
});

describe("the plugin process", () => {
  test("started without the magic cookie, it says what it is and exits 1", async () => {
    const child = spawn(installation.launcher, [], { env: { ...process.env, ...installation.env, [MAGIC_COOKIE_KEY]: "" }, stdio: ["ignore", "pipe", "pipe"] });
    started.push(child);
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise((resolve) => child.once("exit", resolve));
    expect(code).toBe(1);
    expect(stderr).toContain("This is a Terraform provider plugin");
  }, 30_000);

  test("serves the schema, validation and refusals over gRPC, and exits on Shutdown", async () => {
    const { socket, exited } = await launch();
    const schemaPath = "/tfplugin6.Provider/GetProviderSchema";
    const schemaReply = await call(socket, schemaPath);
    expect(schemaReply.status).toBe("0");
    const schema = decode(schemaPath, schemaReply.body);
    expect(Object.keys(schema.resource_schemas)).toEqual(["aws_sqs_queue"]);
    expect(Object.keys(schema.data_source_schemas)).toEqual(["aws_vpc"]);
    const name = schema.resource_schemas.aws_sqs_queue.block.attributes.find((a: { name: string }) => a.name === "name");
    expect([JSON.parse(Buffer.from(name.type).toString()), name.optional, name.computed]).toEqual(["string", true, true]);
    const filter = schema.data_source_schemas.aws_vpc.block.block_types.find((b: { type_name: string }) => b.type_name === "filter");
    expect(filter.nesting).toBe("SET");

    const validate = await call(socket, "/tfplugin6.Provider/ValidateResourceConfig");
    expect([validate.status, decode("/tfplugin6.Provider/ValidateResourceConfig", validate.body).diagnostics]).toEqual(["0", []]);

    const plan = decode("/tfplugin6.Provider/PlanResourceChange", (await call(socket, "/tfplugin6.Provider/PlanResourceChange")).body);
    expect(plan.diagnostics.map((d: { severity: string; summary: string }) => [d.severity, d.summary])).toEqual([["ERROR", "Stand-in provider: schema and validation only"]]);

    const unknown = await call(socket, "/tfplugin6.Provider/CallFunction");
    expect([unknown.status, unknown.grpcMessage]).toEqual(["12", "the stand-in provider does not serve /tfplugin6.Provider/CallFunction"]);

    expect((await call(socket, "/plugin.GRPCController/Shutdown")).status).toBe("0");
    expect(await exited).toBe(0);
    expect(existsSync(dirname(socket))).toBe(false);
  }, 30_000);

  test("it exits when the process that started it goes away without shutting it down", async () => {
    // A shell starts the plugin in the background and exits once the plugin has answered, as a killed Terraform would leave it.
    const out = join(dir, "orphan-handshake.txt");
    const shell = spawn("/bin/sh", ["-c", `'${installation.launcher}' > '${out}' & while [ ! -s '${out}' ]; do sleep 0.1; done; echo $!`], {
      env: { ...process.env, ...installation.env, [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE },
      stdio: ["ignore", "pipe", "ignore"],
    });
    let printed = "";
    shell.stdout.on("data", (chunk: Buffer) => (printed += chunk.toString()));
    await new Promise((resolve) => shell.once("exit", resolve));
    const pid = Number(printed.trim());
    const alive = () => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    const deadline = Date.now() + 20_000;
    while (alive() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    if (alive()) process.kill(pid, "SIGTERM");
    expect(readFileSync(out, "utf8")).toMatch(/^1\|6\|unix\|/);
    expect(alive()).toBe(false);
  }, 30_000);

  test("shared, it gives Terraform a reattach configuration and outlives Shutdown until stopped", async () => {
    const shared = await startSharedStandIn(installation, document.source);
    try {
      const reattach = JSON.parse(shared.env.TF_REATTACH_PROVIDERS);
      const entry = reattach["registry.terraform.io/hashicorp/aws"];
      expect(entry).toMatchObject({ Protocol: "grpc", ProtocolVersion: 6, Pid: shared.pid, Test: true, Addr: { Network: "unix" } });
      expect((await call(entry.Addr.String, "/plugin.GRPCController/Shutdown")).status).toBe("0");
      expect((await call(entry.Addr.String, "/grpc.health.v1.Health/Check")).status).toBe("0");
    } finally {
      await shared.stop();
    }
    expect(() => process.kill(shared.pid, 0)).toThrow();
  }, 30_000);
});
