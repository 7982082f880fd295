import { environmentJsonSchemaText } from "../config/json-schema";
import { awsLimitsPage } from "./aws-limits";
import { configReferencePage } from "./config-reference";
import { type PolicyKindFacts, scalingPoliciesPage } from "./policy-kinds";
import { scannerFindingsPage } from "./scanner-findings";
import { securityRulesPage } from "./security-rules";

/** Where the generated reference pages live. */
export const REFERENCE_DIR = "docs/reference";

/**
 * Every generated text file by its path in the project: `config/schema.json` and the pages
 * of `docs/reference/`. `npm run docs` writes them; a test checks the committed files equal
 * them and that `docs/reference/` holds nothing else. Add a page here to add it to both.
 * `policyKinds` passes facts already computed (they cost a synth per kind).
 */
export function generatedFiles(policyKinds?: readonly PolicyKindFacts[]): Record<string, string> {
  return {
    "config/schema.json": environmentJsonSchemaText(),
    [`${REFERENCE_DIR}/config.md`]: configReferencePage(),
    [`${REFERENCE_DIR}/scaling-policies.md`]: scalingPoliciesPage(policyKinds),
    [`${REFERENCE_DIR}/security-rules.md`]: securityRulesPage(),
    [`${REFERENCE_DIR}/scanner-findings.md`]: scannerFindingsPage(),
    [`${REFERENCE_DIR}/aws-limits.md`]: awsLimitsPage(),
  };
}
