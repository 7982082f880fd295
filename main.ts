import { runSynth } from "./lib/app/cli";
import { skipTokenTraceFormatting } from "./lib/app/token-traces";

// Entry point of the cdktf app (`cdktf.json` runs it; so does `npm run synth`).
// Validates every config/<env>.yaml, then synthesizes the state stack and one stack per environment.
// `--hcl` (npm run synth:hcl) writes HCL instead of JSON, as `cdktf synth --hcl` does.
skipTokenTraceFormatting();
process.exitCode = runSynth({
  configDir: process.env.ECS_AI_CONFIG_DIR ?? "config",
  outdir: process.env.CDKTF_OUTDIR ?? "cdktf.out",
  hcl: process.argv.includes("--hcl") || undefined,
});
