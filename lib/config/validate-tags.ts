import {
  MAX_CONFIG_TAGS,
  MAX_TAG_KEY_LENGTH,
  MAX_TAG_VALUE_LENGTH,
  MAX_TAGS_PER_RESOURCE,
  RESERVED_TAG_PREFIX,
  STACK_TAG_KEYS,
  TAG_CHARACTERS,
  tagLength,
} from "../aws/tags";
import type { ParsedEnvironment } from "./schema";
import type { Finding } from "./validate";

/** The environment's `tags` against AWS's tag rules (lib/aws/tags.ts); they go on every resource. */
export function tagFindings(config: Pick<ParsedEnvironment, "tags">): Finding[] {
  const findings: Finding[] = [];
  const entries = Object.entries(config.tags);
  if (entries.length > MAX_CONFIG_TAGS) {
    findings.push({
      path: ["tags"],
      value: config.tags,
      message: `has ${entries.length} tags; at most ${MAX_CONFIG_TAGS}: AWS allows ${MAX_TAGS_PER_RESOURCE} per resource, and every resource also gets ${STACK_TAG_KEYS.join(", ")} and may have a Name tag`,
    });
  }
  for (const [key, value] of entries) {
    const at = ["tags", key];
    if ((STACK_TAG_KEYS as readonly string[]).includes(key)) {
      findings.push({ path: at, value, message: `would replace the ${key} tag the stacks set on every resource; choose another key` });
    }
    const keyLength = tagLength(key);
    if (keyLength === 0 || keyLength > MAX_TAG_KEY_LENGTH) {
      findings.push({ path: at, value, message: `the key is ${keyLength} characters; tag keys are 1-${MAX_TAG_KEY_LENGTH} characters` });
    }
    if (tagLength(value) > MAX_TAG_VALUE_LENGTH) {
      findings.push({ path: at, value, message: `is ${tagLength(value)} characters; tag values are at most ${MAX_TAG_VALUE_LENGTH}` });
    }
    if (key.toLowerCase().startsWith(RESERVED_TAG_PREFIX)) {
      findings.push({ path: at, value, message: `the key starts with "${key.slice(0, RESERVED_TAG_PREFIX.length)}"; AWS reserves the prefix ${RESERVED_TAG_PREFIX} (in any case) for its own tags` });
    }
    if (value.toLowerCase().startsWith(RESERVED_TAG_PREFIX)) {
      findings.push({ path: at, value, message: `starts with "${value.slice(0, RESERVED_TAG_PREFIX.length)}"; ECS reserves the prefix ${RESERVED_TAG_PREFIX} (in any case) in tag values too` });
    }
    if (!TAG_CHARACTERS.test(key) || !TAG_CHARACTERS.test(value)) {
      findings.push({ path: at, value, message: "tags may hold letters, digits, spaces and + - = . _ : / @ only (what every tagged AWS service accepts)" });
    }
  }
  return findings;
}
