import { isMap, isScalar, isSeq, parseDocument, type Node, type YAMLMap } from "yaml";
import type { ScheduleConfig } from "../config/scaling-schema";
import { PreviewError } from "./errors";

/** Scaling settings the recommender changes. */
export interface ScalingChange {
  readonly min?: number;
  /** New target and cooldowns of target tracking policies, by their index in scaling.policies. */
  readonly policies?: ReadonlyArray<{ readonly index: number; readonly target?: number; readonly scaleOutCooldownSeconds?: number; readonly scaleInCooldownSeconds?: number }>;
  /** The scheduled actions, all of them; undefined leaves them as they are. */
  readonly schedules?: readonly ScheduleConfig[];
}

interface Edit {
  readonly from: number;
  readonly to: number;
  readonly text: string;
}

/** Column of a text offset. */
function columnOf(text: string, offset: number): number {
  return offset - text.lastIndexOf("\n", offset - 1) - 1;
}

/** Offset of the end of the line holding `offset`. */
function lineEnd(text: string, offset: number): number {
  const end = text.indexOf("\n", offset);
  return end < 0 ? text.length : end;
}

/** The end of a map's content (the end of the line of its last value). */
function mapEnd(text: string, map: YAMLMap): number {
  const last = map.items[map.items.length - 1];
  const node = (last.value ?? last.key) as Node;
  return lineEnd(text, Math.max(node.range![1] - 1, node.range![0]));
}

/** `key: value` lines of a schedule, at `indent` for the dash. */
function scheduleLines(schedules: readonly ScheduleConfig[], indent: string): string {
  return schedules
    .map((s) =>
      [`${indent}- name: ${s.name}`, `${indent}  schedule: ${s.schedule}`, `${indent}  timezone: ${s.timezone}`, ...(s.min !== undefined ? [`${indent}  min: ${s.min}`] : []), ...(s.max !== undefined ? [`${indent}  max: ${s.max}`] : [])].join("\n"),
    )
    .join("\n");
}

/**
 * Writes a scaling change into a config's YAML text by replacing only the values it changes (and
 * adding missing keys below their map), so comments and layout stay as they were.
 */
export function applyScalingChange(text: string, service: string, change: ScalingChange): string {
  const doc = parseDocument(text, { keepSourceTokens: true });
  const scalingPath = ["services", service, "scaling"];
  const scaling = doc.getIn(scalingPath, true);
  if (!isMap(scaling) || scaling.items.length === 0) throw new PreviewError(`services.${service}.scaling is not in the config text`);
  const edits: Edit[] = [];
  const set = (map: YAMLMap, key: string, value: number) => {
    const node = map.get(key, true);
    if (isScalar(node) && node.range) {
      edits.push({ from: node.range[0], to: node.range[1], text: String(value) });
      return;
    }
    const first = map.items[0].key as Node;
    const indent = " ".repeat(columnOf(text, first.range![0]));
    edits.push({ from: mapEnd(text, map), to: mapEnd(text, map), text: `\n${indent}${key}: ${value}` });
  };
  if (change.min !== undefined) set(scaling, "min", change.min);
  const policies = scaling.get("policies", true);
  for (const p of change.policies ?? []) {
    const policy = isSeq(policies) ? policies.items[p.index] : undefined;
    if (!isMap(policy)) throw new PreviewError(`services.${service}.scaling.policies[${p.index}] is not in the config text`);
    if (p.target !== undefined) set(policy, "target", p.target);
    if (p.scaleOutCooldownSeconds !== undefined) set(policy, "scaleOutCooldownSeconds", p.scaleOutCooldownSeconds);
    if (p.scaleInCooldownSeconds !== undefined) set(policy, "scaleInCooldownSeconds", p.scaleInCooldownSeconds);
  }
  if (change.schedules !== undefined) {
    const pair = scaling.items.find((item) => isScalar(item.key) && item.key.value === "schedules");
    const keyIndent = columnOf(text, (scaling.items[0].key as Node).range![0]);
    if (pair && isSeq(pair.value) && pair.value.items.length > 0 && !pair.value.flow) {
      const seq = pair.value;
      const firstItem = seq.items[0] as Node;
      const dashLine = text.lastIndexOf("\n", firstItem.range![0] - 1) + 1;
      const dashIndent = " ".repeat(columnOf(text, firstItem.range![0]) - 2);
      const end = lineEnd(text, Math.max(seq.range![1] - 1, seq.range![0]));
      if (change.schedules.length > 0) edits.push({ from: dashLine, to: end, text: scheduleLines(change.schedules, dashIndent) });
      else {
        const keyLine = text.lastIndexOf("\n", (pair.key as Node).range![0] - 1);
        edits.push({ from: keyLine, to: end, text: "" });
      }
    } else if (pair) {
      throw new PreviewError(`services.${service}.scaling.schedules is not a block list; write it as one to let the recommender change it`);
    } else if (change.schedules.length > 0) {
      const indent = " ".repeat(keyIndent);
      edits.push({ from: mapEnd(text, scaling), to: mapEnd(text, scaling), text: `\n${indent}schedules:\n${scheduleLines(change.schedules, `${indent}  `)}` });
    }
  }
  let out = text;
  // From the end of the text back; of two insertions at one place the one made first ends up first.
  const ordered = edits.map((edit, order) => ({ ...edit, order })).sort((a, b) => b.from - a.from || b.to - a.to || b.order - a.order);
  for (const edit of ordered) out = out.slice(0, edit.from) + edit.text + out.slice(edit.to);
  return out;
}
