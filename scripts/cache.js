// The on-disk cache of scripts/register.js: one file per entry under a root folder
// (node_modules/.cache/ecs-ai-autoscaling, or ECS_AI_CACHE_DIR), in one subfolder per kind.
//
// - Every failure to read or write is a cache miss, never an error: a read-only checkout,
//   a missing or uncreatable cache folder, a full disk all run, just without caching.
// - Writes are atomic (a temporary file, then a rename), so processes and worker threads can
//   share the cache. The temporary file's name has random bytes besides the process and
//   thread ids (processes in separate PID namespaces sharing a cache volume can have the same
//   pid) and is created exclusively: a writer never writes into another writer's file.
// - checked()/unchecked() frame an entry with a hash of its contents, for entries that are
//   used as they are read (transpiled code): a truncated or empty entry is a miss.
// - A run that wrote entries prunes the cache at exit: entries this run did not use are
//   removed when older than MAX_AGE_MS, then the oldest of them until the cache is under
//   MAX_BYTES. A run that only read the cache does not look at the folder at all.
"use strict";
const crypto = require("node:crypto");
const { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } = require("node:fs");
const { dirname, join } = require("node:path");
const { threadId } = require("node:worker_threads");

const DEFAULT_ROOT = join(__dirname, "..", "node_modules", ".cache", "ecs-ai-autoscaling");
/** Entries a run does not use are removed after this long. */
const MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;
/** The cache is pruned to this size (a warm cache of this project is about 11 MB). */
const MAX_BYTES = 64 * 1024 * 1024;
/** Temporary files older than this were left by a process that died while writing. */
const STALE_TEMPORARY_MS = 60 * 60 * 1000;

/** Random bytes in a temporary file's name. */
const TEMPORARY_RANDOM_BYTES = 8;

/**
 * A new name to write an entry under before renaming it into place: the process and thread
 * ids (to tell who left a file behind) and random bytes (so that two writers never share one).
 * Ends with `.tmp`, which the pruning looks for.
 */
function temporaryFile(file) {
  const random = crypto.randomBytes(TEMPORARY_RANDOM_BYTES).toString("hex");
  return `${file}.${process.pid}-${threadId}-${random}.tmp`;
}

/** The first line of a checked entry: this prefix, the SHA-1 of the rest in hex, a newline. */
const CHECK_PREFIX = "//ecs-ai-cache sha1:";
const CHECK_LINE_LENGTH = CHECK_PREFIX.length + 40 + 1;

function sha1(text) {
  return crypto.createHash("sha1").update(text).digest("hex");
}

/**
 * `text` framed with a hash of itself, to be written as an entry and read with unchecked().
 * @param {string} text
 */
function checked(text) {
  return `${CHECK_PREFIX}${sha1(text)}\n${text}`;
}

/**
 * The text of an entry written as checked(text), or undefined when the entry is missing,
 * empty, truncated or otherwise not what was written.
 * @param {Buffer | undefined} entry
 */
function unchecked(entry) {
  if (entry === undefined || entry.length < CHECK_LINE_LENGTH) return undefined;
  const head = entry.toString("latin1", 0, CHECK_LINE_LENGTH);
  if (!head.startsWith(CHECK_PREFIX) || !head.endsWith("\n")) return undefined;
  const text = entry.toString("utf8", CHECK_LINE_LENGTH);
  return sha1(text) === head.slice(CHECK_PREFIX.length, -1) ? text : undefined;
}

/**
 * A cache rooted at `root`. Entries are addressed as `kind/name`.
 * @param {string} root
 * @param {{ maxBytes?: number, maxAgeMs?: number }} [limits]
 */
function openCache(root, limits = {}) {
  const used = new Set();
  let wrote = false;
  return {
    root,
    /** The entry's contents, or undefined when it is not there (or cannot be read). */
    read(kind, name) {
      const file = join(root, kind, name);
      used.add(file);
      try {
        return readFileSync(file);
      } catch {
        return undefined;
      }
    },
    /** Stores an entry; returns false when it could not be written. */
    write(kind, name, data) {
      const file = join(root, kind, name);
      used.add(file);
      const temporary = temporaryFile(file);
      try {
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(temporary, data, { flag: "wx" });
      } catch (error) {
        // EEXIST: the file is another writer's (however unlikely), not ours to remove.
        if (error?.code !== "EEXIST") removeQuietly(temporary);
        return false;
      }
      try {
        renameSync(temporary, file);
      } catch {
        removeQuietly(temporary);
        return false;
      }
      wrote = true;
      return true;
    },
    /** Prunes the cache if this run wrote to it (see the top of this file); returns the removed files. */
    prune(now = Date.now()) {
      return wrote ? pruneCache(root, used, { now, ...limits }) : [];
    },
  };
}

/**
 * Removes, among the entries not in `keep`: stale temporary files, entries older than
 * maxAgeMs, then the oldest until the cache holds at most maxBytes. Returns the removed files.
 * @param {string} root
 * @param {Set<string>} keep
 * @param {{ now?: number, maxBytes?: number, maxAgeMs?: number }} [options]
 */
function pruneCache(root, keep, { now = Date.now(), maxBytes = MAX_BYTES, maxAgeMs = MAX_AGE_MS } = {}) {
  const entries = [];
  let total = 0;
  let kinds = [];
  try {
    kinds = readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory());
  } catch {
    return [];
  }
  for (const kind of kinds) {
    let names = [];
    try {
      names = readdirSync(join(root, kind.name));
    } catch {
      continue;
    }
    for (const name of names) {
      const file = join(root, kind.name, name);
      try {
        const { size, mtimeMs } = statSync(file);
        total += size;
        entries.push({ file, size, mtimeMs, temporary: name.endsWith(".tmp") });
      } catch {
        // removed by another process meanwhile
      }
    }
  }
  const removed = [];
  const remove = (entry) => {
    removeQuietly(entry.file);
    total -= entry.size;
    removed.push(entry.file);
  };
  const candidates = entries.filter((e) => !keep.has(e.file)).sort((a, b) => a.mtimeMs - b.mtimeMs);
  const rest = [];
  for (const entry of candidates) {
    const age = now - entry.mtimeMs;
    if (age > (entry.temporary ? STALE_TEMPORARY_MS : maxAgeMs)) remove(entry);
    else if (!entry.temporary) rest.push(entry);
  }
  for (const entry of rest) {
    if (total <= maxBytes) break;
    remove(entry);
  }
  return removed;
}

function removeQuietly(file) {
  try {
    rmSync(file, { force: true });
  } catch {
    // not there, or not ours to remove
  }
}

module.exports = { DEFAULT_ROOT, MAX_AGE_MS, MAX_BYTES, checked, openCache, pruneCache, temporaryFile, unchecked };
