import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { baseInput, configOf, Input, merge, problemsOf, synthEnvironment } from "../helpers";

const ROLE = "arn:aws:iam::123456789012:role/ci/deploy-genai";
const env = (patch: Input) => merge(baseInput(), patch);

describe("accountId and assumeRoleArn on the provider", () => {
  test("accountId becomes allowed_account_ids and assumeRoleArn an assume_role block", () => {
    const synthesized = synthEnvironment(configOf(env({ accountId: "123456789012", assumeRoleArn: ROLE })));
    expect(synthesized).toHaveProviderWithProperties(AwsProvider, {
      region: "eu-west-1",
      allowed_account_ids: ["123456789012"],
      assume_role: [{ role_arn: ROLE }],
    });
  });

  test("without them the provider takes the credentials it runs with", () => {
    const provider = JSON.parse(synthEnvironment(configOf(baseInput()))).provider.aws[0];
    expect(provider).not.toHaveProperty("allowed_account_ids");
    expect(provider).not.toHaveProperty("assume_role");
  });

  test("a role in the China partition suits a China region", () => {
    expect(problemsOf(env({ region: "cn-north-1", assumeRoleArn: "arn:aws-cn:iam::123456789012:role/deploy" }))).toEqual([]);
  });
});

describe("rejected account settings", () => {
  const cases: Array<[string, Input, string]> = [
    ["production without accountId", env({ production: true }),
      'config/test.yaml:1: accountId: is required when production is true: the provider then refuses credentials of any other account (allowed_account_ids); add accountId: "123456789012" with your account\'s id, quoted'],
    ["an unquoted account id (YAML reads a number)", env({ accountId: 12345678901 }),
      'accountId = 12345678901: must be quoted, e.g. "012345678901": YAML reads unquoted digits as a number and drops leading zeros'],
    ["an account id of the wrong length", env({ accountId: "1234567890" }),
      'accountId = "1234567890": must be 12 digits (an AWS account id)'],
    ["a user ARN instead of a role", env({ assumeRoleArn: "arn:aws:iam::123456789012:user/deploy" }),
      'assumeRoleArn = "arn:aws:iam::123456789012:user/deploy": must be an IAM role ARN such as arn:aws:iam::123456789012:role/deploy; it names a user, not a role'],
    ["a role ARN with a region", env({ assumeRoleArn: "arn:aws:iam:eu-west-1:123456789012:role/deploy" }),
      'assumeRoleArn = "arn:aws:iam:eu-west-1:123456789012:role/deploy": must be an IAM role ARN such as arn:aws:iam::123456789012:role/deploy'],
    ["a role name IAM does not allow", env({ assumeRoleArn: "arn:aws:iam::123456789012:role/deploy*" }),
      "the role name must be 1-64 letters, digits and + = , . @ _ -"],
    ["a role of another partition than the region's", env({ assumeRoleArn: "arn:aws-us-gov:iam::123456789012:role/deploy" }),
      'assumeRoleArn = "arn:aws-us-gov:iam::123456789012:role/deploy": is in partition aws-us-gov, but region eu-west-1 is in partition aws; the role must be in the environment\'s partition (arn:aws:iam::...)'],
    ["a role in another account than accountId", env({ accountId: "210987654321", assumeRoleArn: ROLE }),
      `assumeRoleArn = "${ROLE}": is a role in account 123456789012, but accountId is 210987654321; the provider checks the account of the assumed role's credentials, so every plan would stop: use a role in 210987654321`],
  ];

  test.each(cases)("%s", (_name, input, expected) => {
    expect(problemsOf(input)).toEqual(expect.arrayContaining([expect.stringContaining(expected)]));
  });
});
