import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, TerraformLocal, TerraformOutput, TerraformStack } from "cdktf";
import { addStacks } from "../../lib/app/synthesize";
import { SelfContainedStack } from "../../lib/app/self-contained-stack";
import { loadEnvironmentDirectory } from "../../lib/config/load";

/**
 * The stacks skip cdktf's preparing resolve pass (lib/app/self-contained-stack.ts). These tests
 * show the pass had nothing to do: the Terraform is the same as with cdktf's own preparation.
 */

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), "ecs-ai-self-contained-"));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Every stack's Terraform JSON of a synth of `configDir`, by stack name. */
function synthesize(configDir: string, outdir: string, withCdktfPreparation: boolean): Record<string, string> {
  const app = new App({ outdir, stackTraces: false });
  const stacks = addStacks(app, loadEnvironmentDirectory(configDir));
  // cdktf's own preparation, as TerraformStack.prepareStack runs it; synth() then adds nothing to it.
  if (withCdktfPreparation) for (const stack of stacks) TerraformStack.prototype.prepareStack.call(stack);
  app.synth();
  const dir = join(outdir, "stacks");
  return Object.fromEntries(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name, "cdk.tf.json"), "utf8")]));
}

test("every stack is a SelfContainedStack", () => {
  const app = new App({ outdir: join(scratch, "kinds"), stackTraces: false });
  const stacks = addStacks(app, loadEnvironmentDirectory("config"));
  expect(stacks.map((stack) => [stack.node.id, stack instanceof SelfContainedStack])).toEqual(stacks.map((stack) => [stack.node.id, true]));
});

test("the shipped configs synthesize to the same Terraform as with cdktf's preparing pass", () => {
  const ours = synthesize("config", join(scratch, "shipped-ours"), false);
  const cdktf = synthesize("config", join(scratch, "shipped-cdktf"), true);
  expect(Object.keys(ours).sort()).toEqual(["dev", "prod", "staging", "state"]);
  expect(ours).toEqual(cdktf);
});

test("the comparison can fail: a reference to another stack's resource changes the output only with cdktf's preparation", () => {
  const build = (outdir: string, prepare: boolean) => {
    const app = new App({ outdir, stackTraces: false });
    const first = new SelfContainedStack(app, "first");
    const second = new SelfContainedStack(app, "second");
    const shared = new TerraformLocal(first, "shared", "x");
    new TerraformOutput(second, "copy", { value: shared.asString });
    if (prepare) for (const stack of [first, second]) TerraformStack.prototype.prepareStack.call(stack);
    app.synth();
    return readFileSync(join(outdir, "stacks", "second", "cdk.tf.json"), "utf8");
  };
  const ours = JSON.parse(build(join(scratch, "cross-ours"), false));
  const cdktf = JSON.parse(build(join(scratch, "cross-cdktf"), true));
  expect(cdktf.data.terraform_remote_state).toBeDefined();
  expect(ours.data).toBeUndefined();
  expect(ours.output.copy.value).toBe("${local.shared}");
});
