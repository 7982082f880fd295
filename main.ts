import { skipTokenTraces } from "./lib/app/token-traces";
import { validateInBackground } from "./lib/config/background";

// Entry point of the cdktf app (`cdktf.json` runs it; so does `npm run synth`).
// Validates every config/<env>.yaml on a worker thread while this thread loads cdktf, the
// provider modules and the constructs; then synthesizes the state stack and one stack per
// environment. `--hcl` (npm run synth:hcl) writes HCL instead of JSON, as `cdktf synth --hcl` does.
const configs = validateInBackground(process.env.ECS_AI_CONFIG_DIR ?? "config");
skipTokenTraces();
// Required here, not imported at the top, so that the loading starts after the worker.
const { runSynth } = require("./lib/app/cli") as typeof import("./lib/app/cli");
void runSynth({
  configs,
  outdir: process.env.CDKTF_OUTDIR ?? "cdktf.out",
  hcl: process.argv.includes("--hcl") || undefined,
}).then((status) => {
  process.exitCode = status;
});
