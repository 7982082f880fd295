import { spawn } from "node:child_process";
import type { StandInInstallation } from "./stand-in-install";
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE, PROVIDER_PROTOCOL_VERSION } from "./stand-in/handshake";

/**
 * One stand-in process shared by many Terraform commands. Terraform starts a provider
 * about twice per command, and once or twice per `terraform test` run; through
 * TF_REATTACH_PROVIDERS (Terraform's way to use a provider that is already running) every
 * command connects to this one instead, which makes `terraform test` several times faster.
 * With `"Test": true` Terraform leaves the process alone; it ends when stopped, or when
 * the process that started it goes away (its stdin closes).
 */
export interface SharedStandIn {
  /** Environment for Terraform commands that should connect to this process. */
  readonly env: Readonly<Record<string, string>>;
  readonly pid: number;
  stop(): Promise<void>;
}

/** The line `1|6|unix|/path/plugin.sock|grpc|` → the socket path. */
function socketOf(handshake: string): string {
  const [core, version, network, address, protocol] = handshake.trim().split("|");
  if (core !== "1" || version !== String(PROVIDER_PROTOCOL_VERSION) || network !== "unix" || protocol !== "grpc" || !address) {
    throw new Error(`unexpected handshake from the stand-in provider: ${handshake.trim()}`);
  }
  return address;
}

/** Starts the installed stand-in (its launcher, with `--shared`) and waits for its handshake. */
export function startSharedStandIn(installation: StandInInstallation, source: string, timeoutMs = 30_000): Promise<SharedStandIn> {
  const child = spawn(installation.launcher, ["--shared"], {
    env: { ...process.env, ...installation.env, [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE },
    stdio: ["pipe", "pipe", "pipe"],
  });
  // 'close': the process has exited and its stdio pipes are closed, so none keeps this process alive.
  const closed = new Promise<void>((resolve) => child.once("close", () => resolve()));
  const stop = async () => {
    child.stdin.end(); // a shared stand-in stops when its stdin ends
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await closed;
  };
  return new Promise((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`the stand-in provider did not answer within ${timeoutMs} ms${stderr ? `: ${stderr.trim()}` : ""}`));
    }, timeoutMs);
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
      const end = stdout.indexOf("\n");
      if (end < 0) return;
      clearTimeout(timer);
      child.stdout.removeAllListeners("data");
      try {
        const reattach = {
          [source]: { Protocol: "grpc", ProtocolVersion: PROVIDER_PROTOCOL_VERSION, Pid: child.pid, Test: true, Addr: { Network: "unix", String: socketOf(stdout.slice(0, end)) } },
        };
        resolve({ env: { TF_REATTACH_PROVIDERS: JSON.stringify(reattach) }, pid: child.pid!, stop });
      } catch (error) {
        void stop();
        reject(error);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the stand-in provider exited (${code}) before its handshake${stderr ? `: ${stderr.trim()}` : ""}`));
    });
  });
}
