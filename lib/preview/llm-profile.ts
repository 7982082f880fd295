/**
 * How fast one task of an LLM server prefills and decodes, derived from the model's architecture
 * and the GPU's published figures with a roofline model (decode reads the weights and the KV cache
 * each step; prefill is compute), scaled by efficiencies taken from a public measurement. Every
 * figure names its source; the two that are assumptions say so.
 */

/** A GPU as its data sheet gives it. */
export interface GpuSpec {
  readonly name: string;
  /** Memory per GPU (GiB), as the EC2 instance type pages list it. */
  readonly memoryGiB: number;
  /** Memory bandwidth (GB/s). */
  readonly bandwidthGBps: number;
  /** Dense FP16/BF16 tensor throughput (TFLOPS, without sparsity). */
  readonly denseTflops: number;
  readonly sources: readonly string[];
}

/** A decoder-only model's architecture, from its config.json. */
export interface ModelSpec {
  readonly id: string;
  readonly parameters: number;
  readonly layers: number;
  readonly kvHeads: number;
  readonly headDim: number;
  /** Bytes per weight and per KV cache value (2 for BF16/FP16). */
  readonly bytesPerValue: number;
  readonly sources: readonly string[];
}

/** One task of an LLM server (vLLM-style continuous batching with a paged KV cache) on one GPU. */
export interface LlmProfile {
  readonly name: string;
  readonly model: string;
  readonly gpu: string;
  /** Prompt tokens a second the task prefills while it does nothing else. */
  readonly prefillTokensPerSecond: number;
  /** Seconds of one decode step spent reading the weights (batch 1, empty context). */
  readonly stepSeconds: number;
  /** Seconds a decode step adds per sequence and per token of its context (reading its KV cache). */
  readonly stepSecondsPerContextToken: number;
  /** Seconds of compute a decode step needs per sequence; the step takes the larger of memory and compute time. */
  readonly computeSecondsPerSequence: number;
  /** Tokens the KV cache holds (after weights and activations). */
  readonly kvCacheTokens: number;
  /** Sequences the server runs at once (vLLM max_num_seqs default); the service's MAX_CONCURRENT_REQUESTS lowers it. */
  readonly maxSequences: number;
  /** The request shape the efficiencies were measured at; traces far from it get a warning. */
  readonly calibration: { readonly input: number; readonly output: number };
  readonly sources: readonly string[];
}

/**
 * Decode reaches 77% of the memory-bandwidth ceiling: Llama-3.1-8B-Instruct (BF16) with vLLM on an
 * A100 40GB decodes about 75 tokens/s at one request at a time, 1,024 input and 128 output tokens
 * (J. Musgrave, "vLLM throughput-latency sweep on NVIDIA A100", https://johnmusgrave.com/p/vllm-throughput-latency-sweep-on).
 */
export const DECODE_BANDWIDTH_EFFICIENCY = 0.77;

/**
 * Share of the dense tensor throughput prefill reaches. An assumption: no public prefill
 * measurement of these models on L4 or A10G was found; 50% is the model FLOPs utilisation
 * commonly seen for large-batch prefill. Override with preview.profile fields when measured.
 */
export const PREFILL_COMPUTE_EFFICIENCY = 0.5;

/** vLLM reserves this share of GPU memory (gpu_memory_utilization default 0.9, https://docs.vllm.ai/en/latest/serving/engine_args.html). */
export const GPU_MEMORY_UTILIZATION = 0.9;

/** GiB kept for activations and CUDA graphs before the KV cache: an assumption (vLLM profiles it at start-up). */
export const ACTIVATION_RESERVE_GIB = 1.5;

/** vLLM's default max_num_seqs (https://docs.vllm.ai/en/latest/serving/engine_args.html). */
export const DEFAULT_MAX_SEQUENCES = 256;

export const GPUS: Readonly<Record<string, GpuSpec>> = {
  L4: {
    name: "NVIDIA L4",
    memoryGiB: 24,
    bandwidthGBps: 300,
    denseTflops: 121,
    sources: ["https://www.nvidia.com/en-us/data-center/l4/ (300 GB/s; 242 TFLOPS FP16 tensor with sparsity, 121 dense)", "https://aws.amazon.com/ec2/instance-types/g6/ (24 GB per GPU)"],
  },
  A10G: {
    name: "NVIDIA A10G",
    memoryGiB: 24,
    bandwidthGBps: 600,
    denseTflops: 70,
    sources: ["https://www.baseten.co/blog/nvidia-a10-vs-a10g-for-ml-model-inference/ (A10G: 24 GB GDDR6, 600 GB/s, 70 TFLOPS FP16 tensor)", "https://aws.amazon.com/ec2/instance-types/g5/"],
  },
};

export const MODELS: Readonly<Record<string, ModelSpec>> = {
  "meta-llama/Llama-3.1-8B-Instruct": {
    id: "meta-llama/Llama-3.1-8B-Instruct",
    parameters: 8.03e9,
    layers: 32,
    kvHeads: 8,
    headDim: 128,
    bytesPerValue: 2,
    sources: ["https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct/blob/main/config.json (32 layers, 8 KV heads, hidden 4096 / 32 heads = head dim 128, bfloat16; 8.03B parameters per the model card)"],
  },
};

/** The profile of a model on a GPU, by the roofline model above. */
export function deriveProfile(model: ModelSpec, gpu: GpuSpec): LlmProfile {
  const bandwidth = gpu.bandwidthGBps * 1e9 * DECODE_BANDWIDTH_EFFICIENCY;
  const weights = model.parameters * model.bytesPerValue;
  const kvPerToken = 2 * model.layers * model.kvHeads * model.headDim * model.bytesPerValue;
  const flopsPerToken = 2 * model.parameters;
  const flops = gpu.denseTflops * 1e12 * PREFILL_COMPUTE_EFFICIENCY;
  const kvBytes = (gpu.memoryGiB * GPU_MEMORY_UTILIZATION - ACTIVATION_RESERVE_GIB) * 2 ** 30 - weights;
  return {
    name: `${model.id} on ${gpu.name}`,
    model: model.id,
    gpu: gpu.name,
    prefillTokensPerSecond: flops / flopsPerToken,
    stepSeconds: weights / bandwidth,
    stepSecondsPerContextToken: kvPerToken / bandwidth,
    computeSecondsPerSequence: flopsPerToken / flops,
    kvCacheTokens: Math.max(0, Math.floor(kvBytes / kvPerToken)),
    maxSequences: DEFAULT_MAX_SEQUENCES,
    calibration: { input: 1024, output: 128 },
    sources: [...model.sources, ...gpu.sources, "decode efficiency: https://johnmusgrave.com/p/vllm-throughput-latency-sweep-on", "vLLM engine defaults: https://docs.vllm.ai/en/latest/serving/engine_args.html"],
  };
}

/** The GPU model of each instance family the profiles cover (gpu-instances.ts lists the types). */
const GPU_OF_FAMILY: Readonly<Record<string, keyof typeof GPUS>> = { g6: "L4", g5: "A10G" };

/** The shipped profile of a model (its Hugging Face id) on an instance type, or undefined. */
export function shippedProfile(modelId: string, instanceType: string): LlmProfile | undefined {
  const model = MODELS[modelId];
  const gpu = GPUS[GPU_OF_FAMILY[instanceType.split(".")[0]] ?? ""];
  return model && gpu ? deriveProfile(model, gpu) : undefined;
}

/** Names of the shipped profiles, for messages: `<model> on <instance family>`. */
export function shippedProfileNames(): string[] {
  return Object.keys(MODELS).flatMap((m) => Object.keys(GPU_OF_FAMILY).map((family) => `${m} on ${family}.*`));
}
