import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { checkEnvironmentText } from "../config/load";
import { ConfigError } from "../config/problems";
import { policyName } from "../scaling/policies/definition";
import type { ScalingConfig, ScheduleConfig } from "../config/scaling-schema";
import type { PreviewIo } from "./cli";
import { applyScalingChange, type ScalingChange } from "./config-edit";
import type { ScalingDynamics } from "./dynamics";
import type { ObjectiveResult } from "./latency-tracker";
import { describeObjective } from "./objectives";
import { bestStaticCount, referenceSchedule, type ReferenceResult, type StaticResult } from "./reference";
import { type PreviewTarget, previewTargetOf, type TargetOverrides, withScaling } from "./service-model";
import { simulate, type StartState } from "./simulate";
import { costOf, displayShare, shareText } from "./summary";
import { unifiedDiff } from "./text-diff";
import { MINUTE_MS, type Trace } from "./trace";

/** Policy types whose `target` the recommender tunes (a queue policy's target follows from its latency objective). */
const TUNED_TARGETS = new Set(["cpu", "memory", "requests", "latency", "custom", "server"]);
/**
 * The targets the recommender tries for a policy: the current one times each of TARGET_FACTORS,
 * rounded; percentages (CPU, memory, a server's KV-cache usage) stay within 1-100. A server's
 * `running` target stays below `runningLimit` (the sequences a task runs at once): running
 * requests never exceed it, so a policy with a target at or above it could never scale out.
 */
export function targetCandidates(policy: ScalingConfig["policies"][number], current: number, runningLimit?: number): number[] {
  const percent = policy.type === "cpu" || policy.type === "memory" || (policy.type === "server" && policy.metric === "kvCacheUsage");
  const values = TARGET_FACTORS.map((f) => (percent ? Math.min(100, Math.max(1, roundTarget(current * f))) : Math.max(0.01, roundTarget(current * f))));
  if (policy.type !== "server" || policy.metric !== "running" || runningLimit === undefined) return values;
  const reachable = values.filter((value) => value < runningLimit);
  return reachable.length > 0 ? reachable : [current];
}

/** Policy types with target tracking cooldowns. */
const TRACKING = new Set(["cpu", "memory", "requests", "latency", "custom", "queue", "server"]);

/** Factors the current target is multiplied by. */
export const TARGET_FACTORS = [0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.15, 1.3, 1.5] as const;
export const SCALE_OUT_COOLDOWNS = [60, 120, 180, 300, 420, 600] as const;
export const SCALE_IN_COOLDOWNS = [60, 300, 600, 900] as const;

/** A daily raised minimum: from `fromHour` to `toHour` (UTC, exclusive; may wrap midnight) at `level` tasks. */
export interface DailyWindow {
  readonly fromHour: number;
  readonly toHour: number;
  readonly level: number;
}

/** One point of the search. */
export interface Settings {
  readonly min: number;
  /** Target per tuned policy index. */
  readonly targets: Readonly<Record<number, number>>;
  /** Scale-out and scale-in cooldowns of every target tracking policy; undefined keeps each policy's own. */
  readonly scaleOutCooldownSeconds?: number;
  readonly scaleInCooldownSeconds?: number;
  /** "current" keeps the config's scheduled actions, "none" drops them, a window replaces them with a daily pair. */
  readonly schedules: "current" | "none" | DailyWindow;
}

/** A setting replayed. */
export interface Evaluated {
  readonly settings: Settings;
  readonly cost: number;
  readonly objectives: readonly ObjectiveResult[];
  readonly meets: boolean;
  /** Worst margin (points of %) of any objective: within% - percentile; negative when missed. */
  readonly margin: number;
}

/** What the recommender found. */
export interface Recommendation {
  readonly current: Evaluated;
  readonly best: Evaluated;
  /** Cheapest settings for each level of attainment: none both cheaper and better. */
  readonly pareto: readonly Evaluated[];
  readonly evaluated: number;
  readonly seconds: number;
  readonly reference: ReferenceResult;
  readonly static: StaticResult;
  readonly change: ScalingChange;
  /** The config text with the winning settings, and its diff against the original. */
  readonly text: string;
  readonly diff: string;
}

/** Rounds a target the way people write them: whole numbers from 10, two decimals below. */
function roundTarget(value: number): number {
  return value >= 10 ? Math.round(value) : Math.round(value * 100) / 100;
}

/** The scaling section of a setting. */
export function scalingOf(base: ScalingConfig, settings: Settings): ScalingConfig {
  return {
    ...base,
    min: settings.min,
    policies: base.policies.map((policy, index) => {
      if (!TRACKING.has(policy.type)) return policy;
      const target = settings.targets[index];
      return {
        ...policy,
        ...(target !== undefined && "target" in policy ? { target } : {}),
        ...(settings.scaleOutCooldownSeconds !== undefined ? { scaleOutCooldownSeconds: settings.scaleOutCooldownSeconds } : {}),
        ...(settings.scaleInCooldownSeconds !== undefined ? { scaleInCooldownSeconds: settings.scaleInCooldownSeconds } : {}),
      } as typeof policy;
    }),
    schedules: schedulesOf(base, settings),
  };
}

function schedulesOf(base: ScalingConfig, settings: Settings): ScheduleConfig[] {
  if (settings.schedules === "current") return [...base.schedules];
  if (settings.schedules === "none") return [];
  const w = settings.schedules;
  // A raised minimum no higher than the minimum changes nothing.
  if (w.level <= settings.min) return [];
  return [
    { name: "daily-peak", schedule: `cron(0 ${w.fromHour} * * ? *)`, timezone: "UTC", min: w.level },
    { name: "daily-off-peak", schedule: `cron(0 ${w.toHour % 24} * * ? *)`, timezone: "UTC", min: settings.min },
  ];
}

/** `min 2, inflight 10, requests 180, cooldowns 300/600, daily 07-19 UTC min 4`. */
export function describeSettings(base: ScalingConfig, settings: Settings): string {
  const parts = [`min ${settings.min}`];
  for (const [index, target] of Object.entries(settings.targets)) {
    const policy = base.policies[Number(index)];
    parts.push(`${policyName(policy)} ${target}`);
  }
  if (settings.scaleOutCooldownSeconds !== undefined || settings.scaleInCooldownSeconds !== undefined) {
    const cooldown = (seconds: number | undefined) => (seconds === undefined ? "as configured" : `${seconds} s`);
    parts.push(`cooldowns out ${cooldown(settings.scaleOutCooldownSeconds)} / in ${cooldown(settings.scaleInCooldownSeconds)}`);
  }
  const s = settings.schedules;
  parts.push(s === "current" ? (base.schedules.length > 0 ? "schedules as configured" : "no schedules") : s === "none" ? "no schedules" : `daily ${String(s.fromHour).padStart(2, "0")}-${String(s.toHour % 24).padStart(2, "0")} UTC min ${s.level}`);
  return parts.join(", ");
}

/**
 * Daily windows of a raised minimum, from the reference schedule: for each hour of the day the
 * median over the trace's days of the reference's highest count; each level above the base
 * minimum gives the shortest window (wrapping midnight) holding the hours that need it.
 */
export function dailyWindows(reference: ReferenceResult, trace: Trace, baseMin: number): DailyWindow[] {
  const minutes = reference.readyTasks.length;
  if (minutes < 2 * 1440) return [];
  const startMinute = Math.floor(trace.startMs / MINUTE_MS);
  const perHour: number[][] = Array.from({ length: 24 }, () => []);
  let hourMax = 0;
  for (let t = 0; t < minutes; t++) {
    hourMax = Math.max(hourMax, reference.readyTasks[t]);
    if ((startMinute + t + 1) % 60 === 0 || t === minutes - 1) {
      perHour[Math.floor((((startMinute + t) % 1440) + 1440) % 1440 / 60)].push(hourMax);
      hourMax = 0;
    }
  }
  const median = perHour.map((values) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted.length > 0 ? sorted[Math.floor(sorted.length / 2)] : 0;
  });
  const levels = [...new Set(median)].filter((l) => l > baseMin).sort((a, b) => a - b);
  const windows: DailyWindow[] = [];
  for (const level of levels) {
    const needed = median.map((m) => m >= level);
    if (needed.every(Boolean)) continue;
    // The longest run of hours that do not need the level (circular); the window is the rest.
    let bestStart = 0;
    let bestLength = 0;
    for (let start = 0; start < 24; start++) {
      if (needed[start] || !needed[(start + 23) % 24]) continue;
      let length = 0;
      while (length < 24 && !needed[(start + length) % 24]) length++;
      if (length > bestLength) {
        bestLength = length;
        bestStart = start;
      }
    }
    windows.push({ fromHour: (bestStart + bestLength) % 24, toHour: bestStart === 0 ? 24 : bestStart, level });
  }
  return windows;
}

/** Options of a search. */
export interface RecommendOptions {
  readonly overrides: TargetOverrides;
  readonly dynamics: ScalingDynamics;
  readonly start: StartState;
  /** Rounds of coordinate descent over the settings. @default 2 */
  readonly rounds?: number;
  /** Keep scaling.min as configured (e.g. a worker that scales to zero). @default false: the minimum is searched */
  readonly keepMin?: boolean;
  /** Keep the scheduled actions as configured (e.g. business hours in their time zone). @default false: none and daily windows are tried */
  readonly keepSchedules?: boolean;
}

/**
 * Searches a service's minimum, policy targets, cooldowns and daily schedules for the cheapest
 * settings that meet its objectives on every trace given (coordinate descent from the current
 * settings, every candidate replayed in full on each trace; costs add up, the worst margin
 * counts), and writes the winner into the config text. The reference, the best static count and
 * the daily windows come from the first trace.
 */
export function recommend(text: string, file: string, serviceName: string, traces: Trace | readonly Trace[], options: RecommendOptions): Recommendation {
  const all = Array.isArray(traces) ? (traces as readonly Trace[]) : [traces as Trace];
  const trace = all[0];
  const began = process.hrtime.bigint();
  const checked = checkEnvironmentText(text, file);
  if ("problems" in checked) throw new ConfigError(checked.problems);
  const base = previewTargetOf(checked.config, serviceName, options.overrides);
  const scaling = base.scaling;
  const reference = referenceSchedule(trace, base);
  const best = bestStaticCount(trace, base, { dynamics: options.dynamics });

  const cache = new Map<string, Evaluated>();
  const evaluate = (candidate: Settings): Evaluated => {
    // A daily window no higher than the minimum changes nothing: the same point as no schedules.
    const window = candidate.schedules;
    const settings: Settings = typeof window === "object" && window.level <= candidate.min ? { ...candidate, schedules: "none" } : candidate;
    const key = JSON.stringify(settings);
    const known = cache.get(key);
    if (known) return known;
    const target: PreviewTarget = withScaling(base, scalingOf(scaling, settings));
    let cost = 0;
    let margin = Infinity;
    let objectives: readonly ObjectiveResult[] = [];
    for (const t of all) {
      const result = simulate(t, target, { start: options.start, dynamics: options.dynamics });
      cost += costOf(result, target);
      const worst = Math.min(...result.objectives.map((o) => o.withinPct - o.objective.percentile));
      if (worst < margin) {
        margin = worst;
        objectives = result.objectives;
      }
    }
    const evaluated: Evaluated = { settings, cost, objectives, meets: margin >= -1e-9, margin };
    cache.set(key, evaluated);
    return evaluated;
  };
  const score = (e: Evaluated) => (e.meets ? e.cost : 1e12 - e.margin * 1e6 + e.cost);

  const tuned: number[] = scaling.policies.flatMap((p, i) => (TUNED_TARGETS.has(p.type) && "target" in p ? [i] : []));
  const original: Record<number, number> = Object.fromEntries(tuned.map((i) => [i, (scaling.policies[i] as { target: number }).target]));
  const start: Settings = { min: scaling.min, targets: original, schedules: "current" };
  const current = evaluate(start);

  const zeroAllowed = scaling.min === 0;
  const lowest = zeroAllowed ? 0 : 1;
  // Every minimum up to the best static count, then a few more up to the maximum (other traces may need more).
  const mins: number[] = [];
  const dense = Math.min(scaling.max, Math.max(scaling.min, best.tasks ?? 0, lowest + 7));
  for (let m = lowest; m <= dense; m++) mins.push(m);
  for (let m = dense + 1; m <= scaling.max; m += Math.max(1, Math.ceil((scaling.max - dense) / 4))) mins.push(m);
  const minCandidates = mins;
  const windows = dailyWindows(reference, trace, lowest);
  const hasTracking = scaling.policies.some((p) => TRACKING.has(p.type));
  const runningLimit = base.serving.kind === "llm" ? base.serving.server.maxSequences : undefined;

  type Dimension = (s: Settings) => Settings[];
  const dimensions: Dimension[] = [
    (s) => (options.keepMin ? [s] : minCandidates.map((min) => ({ ...s, min }))),
    ...tuned.map(
      (index): Dimension =>
        (s) =>
          targetCandidates(scaling.policies[index], original[index], runningLimit).map((value) => ({ ...s, targets: { ...s.targets, [index]: value } })),
    ),
    ...(hasTracking
      ? [(s: Settings) => SCALE_OUT_COOLDOWNS.map((c) => ({ ...s, scaleOutCooldownSeconds: c })), (s: Settings) => SCALE_IN_COOLDOWNS.map((c) => ({ ...s, scaleInCooldownSeconds: c }))]
      : []),
    (s) => (options.keepSchedules ? [s] : [{ ...s, schedules: "current" as const }, { ...s, schedules: "none" as const }, ...windows.filter((w) => w.level > s.min).map((w) => ({ ...s, schedules: w }))]),
  ];
  let chosen = current;
  for (let round = 0; round < (options.rounds ?? 2); round++) {
    const before = chosen;
    for (const dimension of dimensions) {
      for (const candidate of dimension(chosen.settings)) {
        const e = evaluate(candidate);
        if (score(e) < score(chosen)) chosen = e;
      }
    }
    if (chosen === before) break;
  }

  const pareto = [...cache.values()]
    .slice()
    .sort((a, b) => a.cost - b.cost || b.margin - a.margin)
    .filter((e, i, sorted) => sorted.slice(0, i).every((cheaper) => cheaper.margin < e.margin));

  const change = changeOf(scaling, chosen.settings, original);
  const updated = applyScalingChange(text, serviceName, change);
  const recheck = checkEnvironmentText(updated, file);
  if ("problems" in recheck) throw new ConfigError(recheck.problems);
  const name = file.replace(/^\.\//, "");
  return {
    current,
    best: chosen,
    pareto,
    evaluated: cache.size,
    seconds: Number(process.hrtime.bigint() - began) / 1e9,
    reference,
    static: best,
    change,
    text: updated,
    diff: unifiedDiff(text, updated, `a/${name}`, `b/${name}`),
  };
}

/** The config change from the current settings to `settings`: only what differs. */
function changeOf(scaling: ScalingConfig, settings: Settings, original: Record<number, number>): ScalingChange {
  const policies: Array<{ index: number; target?: number; scaleOutCooldownSeconds?: number; scaleInCooldownSeconds?: number }> = [];
  scaling.policies.forEach((policy, index) => {
    if (!TRACKING.has(policy.type)) return;
    const tracking = policy as { scaleOutCooldownSeconds: number; scaleInCooldownSeconds: number };
    const entry: { index: number; target?: number; scaleOutCooldownSeconds?: number; scaleInCooldownSeconds?: number } = { index };
    const target = settings.targets[index];
    if (target !== undefined && target !== original[index]) entry.target = target;
    if (settings.scaleOutCooldownSeconds !== undefined && settings.scaleOutCooldownSeconds !== tracking.scaleOutCooldownSeconds) entry.scaleOutCooldownSeconds = settings.scaleOutCooldownSeconds;
    if (settings.scaleInCooldownSeconds !== undefined && settings.scaleInCooldownSeconds !== tracking.scaleInCooldownSeconds) entry.scaleInCooldownSeconds = settings.scaleInCooldownSeconds;
    if (Object.keys(entry).length > 1) policies.push(entry);
  });
  return {
    ...(settings.min !== scaling.min ? { min: settings.min } : {}),
    ...(policies.length > 0 ? { policies } : {}),
    ...(settings.schedules !== "current" ? { schedules: schedulesOf(scaling, settings) } : {}),
  };
}

/** The command line's --recommend. */
export interface RecommendRequest {
  readonly envFile: string;
  readonly service: string;
  /** One trace, or several the settings must meet together (costs add up). */
  readonly traces: readonly Trace[];
  readonly overrides: TargetOverrides;
  readonly dynamics: ScalingDynamics;
  readonly start: StartState;
  /** Where to write the changed config. @default nowhere: the diff is printed */
  readonly write?: string;
  readonly json: boolean;
  /** Directory for recommend.svg (the Pareto chart). @default none */
  readonly out?: string;
  /** Keep scaling.min as configured. @default false */
  readonly keepMin?: boolean;
  /** Keep the scheduled actions as configured. @default false */
  readonly keepSchedules?: boolean;
}

function objectivesLine(e: Evaluated): string {
  return e.objectives.map((o) => `${describeObjective(o.objective)}: ${shareText(displayShare(o.withinPct, o.objective.percentile, o.met))}%`).join(", ");
}

/** Runs the recommender for the command line and prints (or writes) what it found. */
export async function runRecommend(request: RecommendRequest, io: PreviewIo): Promise<number> {
  const text = readFileSync(request.envFile, "utf8");
  const found = recommend(text, request.envFile, request.service, request.traces, request);
  const base = previewTargetOf(checkConfig(text, request.envFile), request.service, request.overrides);
  const scaling = base.scaling;
  if (request.write !== undefined) writeFileSync(request.write, found.text);
  const row = (e: Evaluated) => ({ settings: describeSettings(scaling, e.settings), cost: Math.round(e.cost * 100) / 100, meets: e.meets, objectives: e.objectives.map((o) => ({ objective: describeObjective(o.objective), withinPct: displayShare(o.withinPct, o.objective.percentile, o.met) })) });
  if (request.json) {
    io.stdout(
      `${JSON.stringify(
        {
          evaluated: found.evaluated,
          seconds: Math.round(found.seconds * 100) / 100,
          current: row(found.current),
          best: row(found.best),
          pareto: found.pareto.map(row),
          referenceCost: Math.round(found.reference.cost * 100) / 100,
          staticTasks: found.static.tasks ?? null,
          diff: found.diff,
        },
        null,
        2,
      )}\n`,
    );
  } else {
    const lines = [
      `Recommendation: ${base.environment} / ${base.serviceName}, trace${request.traces.length > 1 ? "s" : ""} ${request.traces.map((t) => t.source).join(", ")}`,
      `objectives: ${base.objectives.map(describeObjective).join(", ")}; ${found.evaluated} settings replayed in ${found.seconds.toFixed(1)} s`,
      "",
      "Pareto front (no setting is both cheaper and closer to the objectives):",
      ...found.pareto.map((e) => `  ${e === found.best ? "*" : " "} $${e.cost.toFixed(2).padStart(9)}  ${e.meets ? "meets  " : "misses "} ${objectivesLine(e)}  |  ${describeSettings(scaling, e.settings)}`),
      "",
      `current:   $${found.current.cost.toFixed(2)}, ${found.current.meets ? "meets" : "misses"} (${objectivesLine(found.current)}): ${describeSettings(scaling, found.current.settings)}`,
      `best:      $${found.best.cost.toFixed(2)}, ${found.best.meets ? "meets" : "misses"} (${objectivesLine(found.best)}): ${describeSettings(scaling, found.best.settings)}`,
      `reference: $${found.reference.cost.toFixed(2)} (the cheapest schedule that meets the objectives knowing the trace); best static: ${found.static.tasks !== undefined ? `${found.static.tasks} tasks, $${found.static.cost!.toFixed(2)}` : "none within max"}`,
      "",
      found.diff === "" ? "the current settings are the best found: no change" : found.diff.trimEnd(),
      found.diff === "" ? "" : `the changed config passes validation${request.write !== undefined ? `; written to ${request.write}` : " (--write <file> saves it)"}`,
    ];
    io.stdout(`${lines.join("\n")}\n`);
  }
  if (request.out !== undefined) {
    const { paretoSpec, renderSvg } = require("./chart") as typeof import("./chart");
    mkdirSync(request.out, { recursive: true });
    const points = [...found.pareto].map((e) => ({ cost: e.cost, margin: e.margin, label: describeSettings(scaling, e.settings), chosen: e === found.best }));
    const file = join(request.out, "recommend.svg");
    writeFileSync(file, await renderSvg(paretoSpec(points, `${base.environment} / ${base.serviceName}: cost against the objectives`)));
    io[request.json ? "stderr" : "stdout"](`wrote ${file}\n`);
  }
  return found.best.meets ? 0 : 2;
}

function checkConfig(text: string, file: string) {
  const checked = checkEnvironmentText(text, file);
  if ("problems" in checked) throw new ConfigError(checked.problems);
  return checked.config;
}
