import { Testing } from "cdktf";
import { checkReports, PolicyError, PolicyReport } from "../../lib/security/report";
import { EnvironmentStack } from "../../stacks/environment-stack";
import { baseInput, configOf, EXISTING_NETWORK_ONE_PRIVATE_SUBNET, Input, merge, problemsOf, withChat } from "../helpers";

const EXISTING_NETWORK = EXISTING_NETWORK_ONE_PRIVATE_SUBNET;

function reportOf(input: Input): PolicyReport {
  const app = Testing.app();
  const stack = new EnvironmentStack(app, "prod", { config: configOf(input, "prod") });
  Testing.synth(stack);
  return PolicyReport.of(stack);
}

const unpinnedProduction = () => ({ ...merge(baseInput(), { production: true, accountId: "123456789012", loadBalancer: { webAcl: {} } }), network: EXISTING_NETWORK });

describe("suppressions", () => {
  test("a failing rule stops the synth with the config field, its id, fix hint, how to suppress it and the construct path", () => {
    expect(() => checkReports([reportOf(unpinnedProduction())])).toThrow(
      new PolicyError([
        'config/prod.yaml: services.chat.image: AIS-IMG-1 container chat uses ghcr.io/acme/llm-server:1.4.2, which is not pinned by digest. Fix: reference the image as "<repository>:<tag>@sha256:<digest>". ' +
          'To suppress: add { rule: AIS-IMG-1, reason: "<why it does not apply>" } to policy.suppressions in config/prod.yaml (resource prod/services/chat/runtime/task-definition/task)',
      ]),
    );
  });

  test("a suppression in the config turns the error off and the synth prints its reason", () => {
    const input = merge(unpinnedProduction(), {
      policy: { suppressions: [{ rule: "AIS-IMG-1", reason: "images are promoted by tag from a signed registry" }] },
    });
    expect(checkReports([reportOf(input)])).toEqual(["suppressed: AIS-IMG-1 in prod (1 finding): images are promoted by tag from a signed registry"]);
  });

  test("a suppression that matches nothing is reported", () => {
    const input = merge(withChat({ image: `ghcr.io/acme/llm-server:1.4.2@sha256:${"b".repeat(64)}` }), {
      policy: { suppressions: [{ rule: "AIS-NET-1", reason: "public subnets for the demo environment" }] },
    });
    expect(checkReports([reportOf(input)])).toEqual(["warning: suppression of AIS-NET-1 in prod matches nothing; remove it"]);
  });

  test("warnings are printed, not fatal", () => {
    expect(checkReports([reportOf(baseInput())])).toEqual([
      'warning: config/prod.yaml: services.chat.image: AIS-IMG-1 container chat uses ghcr.io/acme/llm-server:1.4.2, which is not pinned by digest. Fix: reference the image as "<repository>:<tag>@sha256:<digest>". ' +
        'To suppress: add { rule: AIS-IMG-1, reason: "<why it does not apply>" } to policy.suppressions in config/prod.yaml (resource prod/services/chat/runtime/task-definition/task)',
    ]);
  });
});

describe("rejected suppressions", () => {
  test("an unknown rule id", () => {
    expect(problemsOf(merge(baseInput(), { policy: { suppressions: [{ rule: "AIS-XYZ-9", reason: "because we said so" }] } }))).toEqual([
      expect.stringContaining('policy.suppressions[0].rule = "AIS-XYZ-9": must be a rule id: AIS-S3-1, AIS-S3-2'),
    ]);
  });

  test("a missing or empty reason", () => {
    expect(problemsOf(merge(baseInput(), { policy: { suppressions: [{ rule: "AIS-IMG-1", reason: "  ok " }] } }))).toEqual([
      expect.stringContaining('policy.suppressions[0].reason = "  ok ": must say why, in at least 10 characters'),
    ]);
  });

  test("the same rule suppressed twice", () => {
    const suppression = { rule: "AIS-IMG-1", reason: "promoted by tag from a signed registry" };
    expect(problemsOf(merge(baseInput(), { policy: { suppressions: [suppression, suppression] } }))).toEqual([
      expect.stringContaining('policy.suppressions[1].rule = "AIS-IMG-1": is already suppressed by suppressions[0]'),
    ]);
  });
});

describe("the filesystem opt-out", () => {
  test("readOnlyRoot false needs a reason", () => {
    expect(problemsOf(withChat({ filesystem: { readOnlyRoot: false } }))).toEqual([
      expect.stringContaining("services.chat.filesystem.reason: must say why the root filesystem has to be writable (at least 10 characters) when readOnlyRoot is false"),
    ]);
  });

  test("a reason without the opt-out is rejected", () => {
    expect(problemsOf(withChat({ filesystem: { reason: "just in case it is needed" } }))).toEqual([
      expect.stringContaining('services.chat.filesystem.reason = "just in case it is needed": applies only when readOnlyRoot is false; remove it'),
    ]);
  });

  test("writable paths must be absolute", () => {
    expect(problemsOf(withChat({ filesystem: { writablePaths: ["tmp"] } }))).toEqual([
      expect.stringContaining('services.chat.filesystem.writablePaths[0] = "tmp": must be an absolute path such as "/tmp"'),
    ]);
  });
});
