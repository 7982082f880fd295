import { setupJest } from "cdktf/lib/testing/adapters/jest";
import { skipTokenTraces } from "../lib/app/token-traces";

// cdktf's matchers (toHaveResourceWithProperties, ...), as Testing.setupJest() adds them, without
// loading all of cdktf into test files that do not synthesize anything.
setupJest();
// As in the synth (main.ts): no creation trace for each token. Under jest every trace is
// formatted through its source maps, which made up most of a test file's first synth.
// ECS_AI_TOKEN_TRACES=1 keeps them.
skipTokenTraces();
