import type { ModuleInputName } from "../../module/inputs";

/** Values of the module's inputs, as a Terraform caller writes them (snake_case object keys); null unsets one of the base inputs. */
export type ModuleInputValues = Readonly<Partial<Record<ModuleInputName, unknown>>>;

/**
 * One row of the parity table: inputs the module must accept or reject the way the
 * config validation (`config/<env>.yaml`) treats the same values.
 */
export interface ModuleCase {
  /** What the case is about, in words; unique in the table. */
  readonly name: string;
  /** The inputs that differ from `BASE_INPUTS`. */
  readonly inputs: ModuleInputValues;
  /**
   * What rejects the inputs: `var.<input>` (a validation block) or the address of the
   * resource whose precondition fails. Absent: the module accepts them.
   */
  readonly rejectedBy?: string;
  /**
   * Why the config validation has nothing to compare with: the inputs combine values the
   * config cannot express. Absent: the config's verdict on the same values must match.
   */
  readonly noConfigCounterpart?: string;
  /**
   * A known difference from the config validation, still to be closed: the config's
   * verdict is the opposite of the module's. The row then fails when the difference goes,
   * so that the mark is removed with it.
   */
  readonly knownGap?: string;
  /**
   * Why the config validation's verdict is the opposite of the module's and must stay so
   * (the two cannot say the same thing). Like a known gap, the row fails when the difference goes.
   */
  readonly difference?: string;
  /**
   * The run also asserts that the module's collector configuration (the series it keeps, renames
   * and publishes, its port and path) is the one the environments write for the same
   * `server_metrics` (lib/metrics/collector-config.ts). Only for accepted rows with server_metrics.
   */
  readonly comparesCollector?: boolean;
}
