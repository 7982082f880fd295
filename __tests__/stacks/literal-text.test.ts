import { configOf, Input, oneResource, problemsOf, synthEnvironment, TerraformJson, withChat } from "../helpers";

/**
 * Terraform reads `${` and `%{` in any string as template syntax. The config's free text is
 * passed on as written (escaped as `$${`, `%%{`); anywhere else the config refuses it
 * (lib/config/validate-literal-text.ts).
 */

const SHELL = { command: ["sh", "-c", 'exec vllm serve --port "${PORT}" %{not-a-directive}'], environment: { CACHE_DIR: "${HOME}/.cache" }, containerHealthCheck: { command: "curl -fsS localhost:${PORT}/health" } };
const BUCKET_POLICY = { taskPolicy: [{ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::acme-models/${aws:PrincipalTag/team}/*"] }] };

function synth(input: Input): TerraformJson {
  return JSON.parse(synthEnvironment(configOf(input))) as TerraformJson;
}

test("a shell's ${VAR} in command, environment and the container health check reaches Terraform escaped, so the container gets it as written", () => {
  const json = synth(withChat(SHELL));
  const text: string = oneResource(json, "aws_ecs_task_definition").container_definitions;
  expect(text).toContain('exec vllm serve --port \\"$${PORT}\\" %%{not-a-directive}');
  expect(text).not.toMatch(/[^$]\$\{PORT\}/);
  const [container] = JSON.parse(text);
  expect(container.command).toEqual(["sh", "-c", 'exec vllm serve --port "$${PORT}" %%{not-a-directive}']);
  expect(container.environment).toContainEqual({ name: "CACHE_DIR", value: "$${HOME}/.cache" });
  expect(container.healthCheck.command).toEqual(["CMD-SHELL", "curl -fsS localhost:$${PORT}/health"]);
});

test("an IAM policy variable in a task policy resource reaches Terraform escaped", () => {
  const json = synth(withChat(BUCKET_POLICY));
  const policies = Object.values((json.resource as any).aws_iam_role_policy as Record<string, { policy: string }>).map((p) => p.policy);
  expect(policies.some((policy) => policy.includes("arn:aws:s3:::acme-models/$${aws:PrincipalTag/team}/*"))).toBe(true);
});

test("the config's other strings may not hold ${ or %{: the message names the field and what may", () => {
  expect(problemsOf(withChat({ healthCheck: { path: "/health" }, deployment: { alarms: ["chat-${env}-errors"] } }))).toEqual([
    'config/test.yaml:24: services.chat.deployment.alarms[0] = "chat-${env}-errors": contains "${", which Terraform reads as the start of an interpolation in any string; only a service\'s command, environment values, containerHealthCheck.command and taskPolicy actions and resources are passed on as written',
  ]);
});

test("%{ is refused as a directive", () => {
  const problems = problemsOf(withChat({ deployment: { alarms: ["chat-%{x}"] } }));
  expect(problems.some((p) => p.includes('services.chat.deployment.alarms[0] = "chat-%{x}": contains "%{", which Terraform reads as the start of a directive'))).toBe(true);
});

test("the passed-on fields and the preview's text are accepted with ${", () => {
  expect(problemsOf(withChat({ ...SHELL, ...BUCKET_POLICY }))).toEqual([]);
});
