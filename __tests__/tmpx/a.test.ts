import { BASE_INPUTS, MODULE_CASES } from "../../lib/terraform-check/module-parity/cases";
import { configVerdict } from "../../lib/terraform-check/module-parity/config-verdict";
test.each(MODULE_CASES.map((c) => [c.name, c] as const))("%s", (_n, c) => { configVerdict({ ...BASE_INPUTS, ...c.inputs }); });
