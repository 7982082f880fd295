/**
 * Imported before the HCL tools (hcl-parse.ts). The tools are Go programs compiled to
 * WebAssembly that start when imported and never end; Go's scheduler always keeps a timer
 * pending (its periodic garbage collection), which would keep the jest worker alive after
 * its tests ("A worker process has failed to exit gracefully"). The timers of this test
 * file's context are unref'd: they fire as before while the tests run, and no longer keep
 * the worker from exiting once they are done.
 */
const schedule = globalThis.setTimeout;
globalThis.setTimeout = Object.assign(
  (...args: Parameters<typeof schedule>) => {
    const timer = schedule(...args);
    timer.unref();
    return timer;
  },
  schedule,
) as typeof schedule;

export {};
