import {
  ECS_RESERVED_MEMORY_MIB,
  GPU_INSTANCE_TYPES,
  gpuCapacityPlan,
  taskCpuAvailableUnits,
  taskMemoryAvailableMiB,
  tasksPerInstance,
} from "../../lib/aws/gpu-instances";

describe("GPU instance table", () => {
  test("covers the inference families g4dn, g5, g6, g6e, p4d and p5", () => {
    const families = new Set(Object.keys(GPU_INSTANCE_TYPES).map((name) => name.split(".")[0]));
    expect([...families]).toEqual(expect.arrayContaining(["g4dn", "g5", "g6", "g6e", "p4d", "p5"]));
  });

  test.each([
    ["g4dn.xlarge", { gpus: 1, gpuModel: "T4", gpuMemoryGiB: 16, vcpus: 4, memoryGiB: 16 }],
    ["g5.xlarge", { gpus: 1, gpuModel: "A10G", gpuMemoryGiB: 24, vcpus: 4, memoryGiB: 16 }],
    ["g5.12xlarge", { gpus: 4, gpuModel: "A10G", gpuMemoryGiB: 24, vcpus: 48, memoryGiB: 192 }],
    ["g6.xlarge", { gpus: 1, gpuModel: "L4", gpuMemoryGiB: 24, vcpus: 4, memoryGiB: 16 }],
    ["g6e.xlarge", { gpus: 1, gpuModel: "L40S", gpuMemoryGiB: 48, vcpus: 4, memoryGiB: 32 }],
    ["g6e.48xlarge", { gpus: 8, gpuModel: "L40S", gpuMemoryGiB: 48, vcpus: 192, memoryGiB: 1536 }],
    ["p4d.24xlarge", { gpus: 8, gpuModel: "A100", gpuMemoryGiB: 40, vcpus: 96, memoryGiB: 1152 }],
    ["p5.48xlarge", { gpus: 8, gpuModel: "H100", gpuMemoryGiB: 80, vcpus: 192, memoryGiB: 2048 }],
  ])("%s", (name, expected) => {
    expect(GPU_INSTANCE_TYPES[name]).toEqual({ name, ...expected });
  });

  test("no arm64 types: the ECS GPU-optimized AMI is x86_64 only", () => {
    expect(Object.keys(GPU_INSTANCE_TYPES).filter((name) => name.startsWith("g5g"))).toEqual([]);
  });
});

describe("what an instance offers tasks", () => {
  test("memory: installed less 5% platform overhead and the ECS agent's reservation", () => {
    expect(ECS_RESERVED_MEMORY_MIB).toBe(256);
    expect(taskMemoryAvailableMiB(GPU_INSTANCE_TYPES["g5.xlarge"])).toBe(Math.floor(16384 * 0.95) - 256);
  });

  test("CPU: 1024 units per vCPU", () => {
    expect(taskCpuAvailableUnits(GPU_INSTANCE_TYPES["g6.2xlarge"])).toBe(8192);
  });

  test("tasks per instance: the scarcest of GPUs, CPU and memory", () => {
    const g512 = GPU_INSTANCE_TYPES["g5.12xlarge"];
    expect(tasksPerInstance(g512, { cpu: 4096, memory: 16384, gpus: 1 })).toBe(4);
    expect(tasksPerInstance(g512, { cpu: 16384, memory: 16384, gpus: 1 })).toBe(3);
    expect(tasksPerInstance(g512, { cpu: 4096, memory: 65536, gpus: 1 })).toBe(2);
    expect(tasksPerInstance(g512, { cpu: 4096, memory: 16384, gpus: 3 })).toBe(1);
  });
});

describe("Auto Scaling group maximum", () => {
  const task = { cpu: 4096, memory: 16384 };

  test("derived: instances for scaling.max on the listed type holding the fewest tasks, plus one spare", () => {
    const plan = gpuCapacityPlan({ instanceTypes: ["g5.12xlarge", "g5.24xlarge"], gpusPerTask: 1 }, task, 10);
    expect(plan).toEqual({ limitingType: GPU_INSTANCE_TYPES["g5.12xlarge"], tasksPerInstance: 4, instancesForMax: 3, maxSize: 4 });
  });

  test("one task per single-GPU instance", () => {
    expect(gpuCapacityPlan({ instanceTypes: ["g6.xlarge"], gpusPerTask: 1 }, { cpu: 2048, memory: 8192 }, 6).maxSize).toBe(7);
  });

  test("maxInstances, when given, is the maximum", () => {
    expect(gpuCapacityPlan({ instanceTypes: ["g6.xlarge"], gpusPerTask: 1, maxInstances: 12 }, { cpu: 2048, memory: 8192 }, 6).maxSize).toBe(12);
  });
});
