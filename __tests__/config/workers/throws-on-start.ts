// A validation worker that fails before it can reply (an uncaught exception on the worker thread).
throw new Error("the validator could not start");
