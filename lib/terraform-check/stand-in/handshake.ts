/**
 * The go-plugin launch contract, as Terraform uses it (hashicorp/go-plugin docs/internals.md,
 * Terraform's internal/plugin/serve.go): Terraform starts the plugin with a magic cookie in
 * the environment and the plugin protocol versions it speaks; the plugin answers with one
 * line on stdout, `CORE|APP|NETWORK|ADDRESS|PROTOCOL|CERT`, and serves gRPC there.
 */

/** Terraform's magic cookie: a plugin refuses to run without it (it is not meant to be started by hand). */
export const MAGIC_COOKIE_KEY = "TF_PLUGIN_MAGIC_COOKIE";
export const MAGIC_COOKIE_VALUE = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";
/** go-plugin's own protocol version. */
const CORE_PROTOCOL_VERSION = 1;
/** Terraform's provider protocol major version the stand-in speaks. */
export const PROVIDER_PROTOCOL_VERSION = 6;

/** Why the plugin cannot serve in this environment, or undefined when it can. */
export function launchProblem(env: NodeJS.ProcessEnv): string | undefined {
  if (env[MAGIC_COOKIE_KEY] !== MAGIC_COOKIE_VALUE) {
    return "This is a Terraform provider plugin (a stand-in serving the hashicorp/aws schema); Terraform starts it. See docs/terraform-validation.md.";
  }
  const versions = env.PLUGIN_PROTOCOL_VERSIONS;
  if (versions !== undefined && !versions.split(",").map((v) => v.trim()).includes(String(PROVIDER_PROTOCOL_VERSION))) {
    return `Terraform offers plugin protocol versions ${versions}; the stand-in speaks only ${PROVIDER_PROTOCOL_VERSION}.`;
  }
  if (env.PLUGIN_CLIENT_CERT) {
    // AutoMTLS would need a freshly generated server certificate on the handshake line.
    return "Terraform asked for TLS on the plugin connection; the stand-in serves plain gRPC on a private Unix socket: set TF_DISABLE_PLUGIN_TLS=1.";
  }
  return undefined;
}

/** The handshake line for a gRPC server on a Unix socket, without TLS (empty certificate field). */
export function handshakeLine(socketPath: string): string {
  return `${CORE_PROTOCOL_VERSION}|${PROVIDER_PROTOCOL_VERSION}|unix|${socketPath}|grpc|\n`;
}
