import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { ProviderSchemaDocument } from "./schema/provider-schema";
import { ANSWERS_ENV } from "./stand-in/answers";
import { providerAnswers } from "./stand-in/provider-answers";

/** A stand-in provider installed for Terraform: what to put in Terraform's environment. */
export interface StandInInstallation {
  /** Folder holding the `terraform-provider-aws` launcher (the dev_overrides target). */
  readonly pluginDir: string;
  /** The launcher: runs the stand-in on this Node. */
  readonly launcher: string;
  /** The Terraform CLI configuration that points hashicorp/aws at `pluginDir`. */
  readonly cliConfigFile: string;
  /** The schema document the stand-in serves (JSON of `ProviderSchemaDocument`, for reading). */
  readonly schemaFile: string;
  /** What the stand-in answers, encoded (JSON of `StandInAnswers`). */
  readonly answersFile: string;
  /** Environment variables for every Terraform command that should use the stand-in. */
  readonly env: Readonly<Record<string, string>>;
}

/** The project's root folder (where scripts/register.js is). */
const PROJECT_ROOT = resolve(__dirname, "..", "..");

const shellQuote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/**
 * Installs the stand-in into `dir` (which the caller owns and removes): the schema
 * document and the answers encoded from it, a launcher that runs stand-in/main.ts on this
 * Node with the project's TypeScript loader, and a CLI configuration whose `dev_overrides`
 * send hashicorp/aws to the launcher (`terraform validate` and `terraform test` then need
 * no `init` for it). Terraform's default CLI configuration is not read: TF_CLI_CONFIG_FILE
 * names this one.
 */
export function installStandIn(dir: string, document: ProviderSchemaDocument): StandInInstallation {
  const pluginDir = join(dir, "plugins");
  mkdirSync(pluginDir, { recursive: true });
  const schemaFile = join(dir, "aws-schema.json");
  writeFileSync(schemaFile, `${JSON.stringify(document, null, 1)}\n`);
  const answersFile = join(dir, "aws-answers.json");
  writeFileSync(answersFile, JSON.stringify(providerAnswers(document)));
  const launcher = join(pluginDir, "terraform-provider-aws");
  writeFileSync(
    launcher,
    [
      "#!/bin/sh",
      `# Stand-in ${document.source} ${document.version} (ecs-ai-autoscaling lib/terraform-check): schema and validation only.`,
      `exec ${shellQuote(process.execPath)} -r ${shellQuote(join(PROJECT_ROOT, "scripts", "register.js"))} ${shellQuote(join(__dirname, "stand-in", "main.ts"))} "$@"`,
      "",
    ].join("\n"),
  );
  chmodSync(launcher, 0o755);
  const cliConfigFile = join(dir, "terraformrc");
  writeFileSync(
    cliConfigFile,
    [
      "provider_installation {",
      "  dev_overrides {",
      `    ${JSON.stringify(document.source)} = ${JSON.stringify(pluginDir)}`,
      "  }",
      "  direct {}",
      "}",
      "",
    ].join("\n"),
  );
  return {
    pluginDir,
    launcher,
    cliConfigFile,
    schemaFile,
    answersFile,
    env: {
      TF_CLI_CONFIG_FILE: cliConfigFile,
      // The stand-in serves plain gRPC on a private Unix socket (see stand-in/handshake.ts).
      TF_DISABLE_PLUGIN_TLS: "1",
      [ANSWERS_ENV]: answersFile,
      CHECKPOINT_DISABLE: "1",
      TF_IN_AUTOMATION: "1",
      TF_INPUT: "0",
    },
  };
}
