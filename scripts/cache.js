// The on-disk cache of scripts/register.js: one file per entry under a root folder
// (node_modules/.cache/ecs-ai-autoscaling, or ECS_AI_CACHE_DIR), in one subfolder per kind.
//
// - Every failure to read or write is a cache miss, never an error: a read-only checkout,
//   a missing or uncreatable cache folder, a full disk all run, just without caching.
// - Writes are atomic (a temporary file named after the process and the thread, then a
//   rename), so processes and worker threads can share the cache.
// - A run that wrote entries prunes the cache at exit: entries this run did not use are
//   removed when older than MAX_AGE_MS, then the oldest of them until the cache is under
//   MAX_BYTES. A run that only read the cache does not look at the folder at all.
"use strict";
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

/** The name a thread writes an entry under before renaming it into place. */
function temporaryFile(file) {
  return `${file}.${process.pid}-${threadId}.tmp`;
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
        writeFileSync(temporary, data);
        renameSync(temporary, file);
        wrote = true;
        return true;
      } catch {
        removeQuietly(temporary);
        return false;
      }
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

module.exports = { DEFAULT_ROOT, MAX_AGE_MS, MAX_BYTES, openCache, pruneCache, temporaryFile };
