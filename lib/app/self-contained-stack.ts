import { TerraformStack } from "cdktf";

/**
 * A stack whose resources never refer to another stack's. cdktf resolves every element of a
 * stack twice per synth: first a "preparing" pass (`TerraformStack.prepareStack`) whose only
 * product is the outputs and remote state that references to *other* stacks need, then the pass
 * that writes the Terraform. This project's stacks share plain values only (bucket names,
 * Regions, keys), never tokens, so the preparing pass finds nothing; it was about 40% of a
 * synth's token resolution (see the note on issue 11 and `npm run bench`).
 *
 * `__tests__/app/self-contained-stack.test.ts` synthesizes the shipped configs both ways and
 * checks that the output is the same, byte for byte. A stack
 * that did refer to another would synthesize a reference Terraform cannot resolve, which
 * `terraform validate` (the Terraform checks of `npm test`) reports.
 */
export class SelfContainedStack extends TerraformStack {
  /** What cdktf's own preparation does, without the preparing resolve pass. */
  public override prepareStack(): void {
    this.ensureBackendExists();
  }
}
