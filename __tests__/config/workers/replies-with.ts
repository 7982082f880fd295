import { parentPort, workerData } from "node:worker_threads";

// A validation worker that posts, as its reply, the JSON the test passes as the directory
// (validateInBackground(JSON.stringify(reply), ...)), then keeps running until it is terminated.
parentPort!.postMessage(JSON.parse((workerData as { dir: string }).dir));
setInterval(() => undefined, 60_000);
