import { parentPort } from "node:worker_threads";
import type { ValidationReply } from "../../../lib/config/validation-worker";

// A validation worker whose validator met an unexpected error (not a config problem): it replies with the failure, as lib/config/validation-worker.ts does.
const reply: ValidationReply = { failure: "Error: the validator failed unexpectedly\n    at validate" };
parentPort!.postMessage(reply);
