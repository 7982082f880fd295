import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, Stats, statSync } from "node:fs";
import { basename, join } from "node:path";
import type { ConfigProblem } from "./problems";
import { MAX_ENVIRONMENT_FILES } from "./size-limits";

/**
 * Finding and reading config files without trusting the file system: only regular files are
 * read (a FIFO nobody writes to or a symlink to /dev/zero would block or never end), at most
 * {@link MAX_CONFIG_FILE_BYTES} of them, and only text that is valid UTF-8.
 */

/** Largest config file accepted; real ones are a few KiB. */
export const MAX_CONFIG_FILE_BYTES = 1024 * 1024;

const SIZE_RULE = `config files must be regular files of at most 1 MiB (${MAX_CONFIG_FILE_BYTES} bytes)`;

/** The extensions of environment files; the name before it is the environment. */
const CONFIG_FILE = /\.ya?ml$/;

/** The environment (and stack) name a config file gives: its name without `.yaml` or `.yml`. */
export function environmentOfFile(file: string): string {
  return basename(file).replace(CONFIG_FILE, "");
}

/**
 * The environment files of a config directory, sorted by name, or the problems that stop the
 * synth before any file is read: no such directory, not a directory, no environment files, two
 * files for one environment (`dev.yaml` beside `dev.yml`).
 */
export function listConfigFiles(dir: string): { files: string[] } | { problems: ConfigProblem[] } {
  const problem = (message: string): { problems: ConfigProblem[] } => ({ problems: [{ file: dir, path: "", message }] });
  let stats: Stats;
  try {
    stats = statSync(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return problem("the config directory does not exist; create it with one <environment>.yaml per environment, or point ECS_AI_CONFIG_DIR at yours");
    return problem(`the config directory cannot be read: ${code ?? (error as Error).message}`);
  }
  if (!stats.isDirectory()) {
    return problem(`is ${fileKind(stats)}, not a directory; the config directory holds one <environment>.yaml per environment`);
  }
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    return problem(`the config directory cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const files = names
    .filter((name) => CONFIG_FILE.test(name))
    .sort()
    .map((name) => join(dir, name));
  if (files.length === 0) return problem("no environment files (*.yaml) found");
  if (files.length > MAX_ENVIRONMENT_FILES) {
    return problem(`holds ${files.length} environment files; a synth takes at most ${MAX_ENVIRONMENT_FILES} (split the config directory)`);
  }

  const byEnvironment = new Map<string, string>();
  const problems: ConfigProblem[] = [];
  for (const file of files) {
    const environment = environmentOfFile(file);
    const first = byEnvironment.get(environment);
    if (first === undefined) {
      byEnvironment.set(environment, file);
    } else {
      problems.push({
        file,
        path: "",
        message: `gives the environment and stack name "${environment}" as ${first} does; one environment has one file: merge them, or remove or rename one`,
      });
    }
  }
  return problems.length > 0 ? { problems } : { files };
}

/**
 * The text of a config file, or why it cannot be used: missing or unreadable, not a regular
 * file (directory, FIFO, socket, device), larger than {@link MAX_CONFIG_FILE_BYTES}, or not UTF-8.
 * Never blocks on a FIFO and never reads more than the limit plus one byte.
 */
export function readConfigFile(file: string): { text: string } | { problem: ConfigProblem } {
  const problem = (message: string, line?: number) => ({ problem: { file, line, path: "", message } });
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO that nobody writes to returns at once instead of waiting for a writer.
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return problem(`cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return problem(`is ${fileKind(stats)}, not a regular file; ${SIZE_RULE}`);
    if (stats.size > MAX_CONFIG_FILE_BYTES) return problem(`the file is ${stats.size} bytes; ${SIZE_RULE}`);
    const buffer = Buffer.alloc(MAX_CONFIG_FILE_BYTES + 1);
    let length = 0;
    for (;;) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
      if (length === buffer.length) return problem(`the file is more than ${MAX_CONFIG_FILE_BYTES} bytes; ${SIZE_RULE}`);
    }
    const bytes = buffer.subarray(0, length);
    const invalid = firstInvalidUtf8(bytes);
    if (invalid !== undefined) {
      const line = countLines(bytes, invalid);
      return problem(`is not UTF-8 text: byte ${invalid} (0x${bytes[invalid].toString(16).padStart(2, "0")}) on line ${line} starts no valid UTF-8 character; save the file as UTF-8`, line);
    }
    return { text: bytes.toString("utf8") };
  } catch (error) {
    return problem(`cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  } finally {
    closeSync(fd);
  }
}

function fileKind(stats: Stats): string {
  if (stats.isDirectory()) return "a directory";
  if (stats.isFIFO()) return "a FIFO (named pipe)";
  if (stats.isSocket()) return "a socket";
  if (stats.isCharacterDevice()) return "a character device";
  if (stats.isBlockDevice()) return "a block device";
  return stats.isFile() ? "a regular file" : "not a regular file";
}

/** Offset of the first byte that does not belong to a well-formed UTF-8 sequence (RFC 3629), if any. */
export function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) length = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      if (b === 0xe0) low = 0xa0; // no overlong forms
      if (b === 0xed) high = 0x9f; // no surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      if (b === 0xf0) low = 0x90;
      if (b === 0xf4) high = 0x8f; // nothing above U+10FFFF
    } else return i;
    if (i + length > bytes.length) return i;
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k];
      const [min, max] = k === 1 ? [low, high] : [0x80, 0xbf];
      if (c < min || c > max) return i;
    }
    i += length;
  }
  return undefined;
}

/** 1-based line of a byte offset. */
function countLines(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}
