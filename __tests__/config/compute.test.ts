import { ManagedScalingSchema } from "../../lib/config/compute";
import { DEFAULT_MANAGED_SCALING } from "../../lib/config/compute-defaults";
import { configOf, EXISTING_NETWORK, Input, merge, problemsOf, withChat } from "../helpers";

/**
 * The base input with chat on GPU capacity (g5.xlarge unless patched), deploying rolling so group
 * sizes are one set of tasks (blue/green's second set: __tests__/stacks/deployments.test.ts).
 */
function gpuChat(compute: Input = {}, chat: Input = {}): Input {
  return withChat({ cpu: 2048, memory: 8192, deployment: { strategy: "rolling" }, ...chat, compute: { type: "gpu", instanceTypes: ["g5.xlarge"], ...compute } }, { network: EXISTING_NETWORK });
}

describe("compute defaults", () => {
  test("a service without compute runs on Fargate, all on-demand", () => {
    expect(configOf(withChat({})).services.chat.compute).toEqual({ type: "fargate", onDemandBase: 0, onDemandWeight: 1, spotWeight: 0 });
  });

  test("Fargate base and weights come from compute", () => {
    expect(configOf(withChat({ compute: { onDemandBase: 2, spotWeight: 3 } })).services.chat.compute).toEqual({
      type: "fargate",
      onDemandBase: 2,
      onDemandWeight: 1,
      spotWeight: 3,
    });
  });

  test("GPU compute: one GPU per task, an Auto Scaling group, a 100 GiB root volume, derived group maximum, default managed scaling", () => {
    expect(configOf(gpuChat()).services.chat.compute).toEqual({
      type: "gpu",
      instanceTypes: ["g5.xlarge"],
      gpusPerTask: 1,
      rootVolumeGiB: 100,
      maxInstances: 5,
      managedScaling: { ...DEFAULT_MANAGED_SCALING, instanceWarmupSeconds: 240 },
      capacityReservation: undefined,
      warmPool: undefined,
    });
  });

  test("GPU compute on Managed Instances resolves to its own kind", () => {
    expect(configOf(gpuChat({ provisioning: "managed-instances" })).services.chat.compute).toEqual({
      type: "managed-instances",
      instanceTypes: ["g5.xlarge"],
      gpusPerTask: 1,
      rootVolumeGiB: 100,
    });
  });

  test("managed scaling defaults: 100% target, steps of 1 to 10 instances; the warm-up follows the service's startupSeconds", () => {
    expect(DEFAULT_MANAGED_SCALING).toEqual({ targetCapacity: 100, minimumStepSize: 1, maximumStepSize: 10 });
    expect(ManagedScalingSchema.parse({})).toEqual(DEFAULT_MANAGED_SCALING);
  });

  test("a partial managedScaling block gets the other defaults", () => {
    expect(configOf(gpuChat({ managedScaling: { targetCapacity: 80 } })).services.chat.compute).toMatchObject({
      managedScaling: { ...DEFAULT_MANAGED_SCALING, targetCapacity: 80 },
    });
  });

  test("GPU tasks are not held to Fargate sizes", () => {
    expect(() => configOf(gpuChat({}, { cpu: 3000, memory: 15000 }))).not.toThrow();
  });

  test("a task that fits every listed type, with a reachable maximum, is accepted", () => {
    expect(() => configOf(gpuChat({ instanceTypes: ["g6.xlarge", "g5.xlarge", "g6e.xlarge"], maxInstances: 4 }, { scaling: { min: 1, max: 4 } }))).not.toThrow();
  });
});

describe("rejected compute inputs name the field, the value, the instance type and the numbers", () => {
  const cases: Array<[string, Input, string]> = [
    ["the old capacity field points to compute", withChat({ capacity: { onDemandBase: 1 } }),
      "config/test.yaml:20: services.chat.capacity = a mapping: moved into compute: write compute: {type: fargate, onDemandBase: ..., onDemandWeight: ..., spotWeight: ...}"],
    ["GPUs on Fargate say to use compute type gpu", withChat({ compute: { gpusPerTask: 1 } }),
      "services.chat.compute.gpusPerTask = 1: is a GPU setting, and Fargate has no GPUs; use compute: {type: gpu, instanceTypes: [...], gpusPerTask: ...}"],
    ["GPU instance types on Fargate say to use compute type gpu", withChat({ compute: { type: "fargate", instanceTypes: ["g5.xlarge"] } }),
      "services.chat.compute.instanceTypes = a list of 1: is a GPU setting, and Fargate has no GPUs; use compute: {type: gpu"],
    ["GPUs on the service itself say to use compute", withChat({ gpus: 1 }),
      "services.chat.gpus = 1: GPUs are part of compute; use compute: {type: gpu, instanceTypes: [...], gpusPerTask: ...}"],
    ["unknown compute type", withChat({ compute: { type: "tpu" } }),
      "services.chat.compute.type = \"tpu\": type must be one of: fargate, gpu"],
    ["GPU compute without instance types", withChat({ compute: { type: "gpu" } }, { network: EXISTING_NETWORK }),
      "services.chat.compute.instanceTypes: is required"],
    ["instance type outside the table (arm64 g5g)", gpuChat({ instanceTypes: ["g5g.xlarge"] }),
      "services.chat.compute.instanceTypes[0] = \"g5g.xlarge\": must be a supported GPU instance type: g4dn.(xlarge, 2xlarge, 4xlarge, 8xlarge, 16xlarge, 12xlarge, metal), g5.(xlarge"],
    ["empty instance type list", gpuChat({ instanceTypes: [] }),
      "services.chat.compute.instanceTypes = a list of 0: must list at least one GPU instance type"],
    ["instance type listed twice", gpuChat({ instanceTypes: ["g5.xlarge", "g5.xlarge"] }),
      "services.chat.compute.instanceTypes = a list of 2: lists an instance type twice"],
    ["more GPUs per task than any instance type has", gpuChat({ gpusPerTask: 9 }),
      "services.chat.compute.gpusPerTask = 9: must be at most 8"],
    ["more GPUs per task than the smallest listed type has", gpuChat({ instanceTypes: ["g5.12xlarge", "g5.xlarge"], gpusPerTask: 2 }),
      "services.chat.compute.gpusPerTask = 2: is more than the 1 GPU of g5.xlarge, the smallest listed instance type; every listed type must hold a task"],
    ["task CPU above the smallest listed type's vCPUs", gpuChat({ instanceTypes: ["g5.2xlarge", "g6.xlarge"] }, { cpu: 6144 }),
      "services.chat.cpu = 6144: is more than the 4096 CPU units (4 vCPUs) of g6.xlarge, the smallest listed instance type by CPU"],
    ["task CPU below the EC2 minimum", gpuChat({}, { cpu: 64 }),
      "services.chat.cpu = 64: must be at least 128 CPU units for a task on EC2 instances"],
    ["task memory above what the smallest listed type offers after the agent's reservation", gpuChat({ instanceTypes: ["g6e.xlarge", "g5.xlarge"] }, { memory: 16384 }),
      "services.chat.memory = 16384: is more than the 15308 MiB g5.xlarge offers tasks (16 GiB installed, less 5% for the kernel and driver and the ECS agent's 256 MiB reservation), the smallest listed instance type by memory"],
    ["group maximum too small for scaling.max", gpuChat({ maxInstances: 4 }, { scaling: { max: 6 } }),
      "services.chat.compute.maxInstances = 4: cannot run scaling.max = 6 tasks: g5.xlarge holds 1 per instance, so 6 instances are needed; raise maxInstances to at least 6"],
    ["group maximum too small on multi-GPU instances", gpuChat({ instanceTypes: ["g5.12xlarge"], maxInstances: 2 }, { cpu: 4096, memory: 16384, scaling: { max: 10 } }),
      "services.chat.compute.maxInstances = 2: cannot run scaling.max = 10 tasks: g5.12xlarge holds 4 per instance, so 3 instances are needed"],
    ["maxInstances with managed instances", gpuChat({ provisioning: "managed-instances", maxInstances: 4 }),
      "services.chat.compute.maxInstances = 4: applies to provisioning: auto-scaling-group only; ECS Managed Instances sizes its instances itself"],
    ["managedScaling with managed instances", gpuChat({ provisioning: "managed-instances", managedScaling: { targetCapacity: 90 } }),
      "services.chat.compute.managedScaling = a mapping: applies to provisioning: auto-scaling-group only"],
    ["unknown provisioning", gpuChat({ provisioning: "spot-fleet" }),
      "services.chat.compute.provisioning = \"spot-fleet\": must be one of: auto-scaling-group, managed-instances"],
    ["ARM64 tasks on GPU instances", gpuChat({}, { cpuArchitecture: "ARM64" }),
      "services.chat.cpuArchitecture = \"ARM64\": GPU instance types run x86_64 (the ECS GPU-optimized AMI has no arm64 build)"],
    ["root volume smaller than the AMI", gpuChat({ rootVolumeGiB: 20 }),
      "services.chat.compute.rootVolumeGiB = 20: must be at least 30"],
    ["target capacity above 100%", gpuChat({ managedScaling: { targetCapacity: 120 } }),
      "services.chat.compute.managedScaling.targetCapacity = 120: must be at most 100"],
    ["scaling steps the wrong way round", gpuChat({ managedScaling: { minimumStepSize: 5, maximumStepSize: 2 } }),
      "services.chat.compute.managedScaling.minimumStepSize = 5: is greater than maximumStepSize (2)"],
    ["capacity provider name with a reserved prefix", merge(gpuChat(), { project: "ecsdemo" }),
      "services.chat.compute.type = \"gpu\": makes the ECS capacity provider name \"ecsdemo-test-chat-gpu\", which starts with \"ecs\"; AWS rejects capacity provider names starting with aws, ecs or fargate"],
  ];

  test.each(cases)("%s", (_name, input, expected) => {
    expect(problemsOf(input)).toEqual(expect.arrayContaining([expect.stringContaining(expected)]));
  });

  test("GPU names over AWS's limits", () => {
    const chat = (gpuChat().services as Input).chat;
    const input = merge(gpuChat(), { project: "abcdefghijklmnop", services: { chat: undefined, "service-name-twenty1": chat } });
    expect(problemsOf(input, "environment-name")).toContain(
      'config/environment-name.yaml:15: services.service-name-twenty1: the service name makes the IAM role name "abcdefghijklmnop-environment-name-service-name-twenty1-gpu-instance" 67 characters long; AWS allows at most 64: shorten the service, project or environment name',
    );
  });

  test("Managed Instances role names start with ecsInstanceRole and are length-checked", () => {
    const chat = (gpuChat({ provisioning: "managed-instances" }).services as Input).chat;
    const input = merge(gpuChat(), { project: "abcdefghijklmnop", services: { chat: undefined, "service-name-twenty1": chat } });
    expect(problemsOf(input, "environment-name")).toEqual(
      expect.arrayContaining([
        expect.stringContaining('the service name makes the IAM role name "ecsInstanceRole-abcdefghijklmnop-environment-name-service-name-twenty1" 70 characters long; AWS allows at most 64'),
      ]),
    );
  });
});

describe("rejected GPU reservations and warm pools", () => {
  const cases: Array<[string, Input, string]> = [
    ["a preference with a target", gpuChat({ instanceTypes: ["g6.xlarge"], capacityReservation: { preference: "open", reservationId: "cr-0123456789abcdef0" } }),
      'services.chat.compute.capacityReservation.preference = "open": is given with reservationId; AWS takes one option at a time (a preference, or a target): remove preference to launch into the target'],
    ["a reservation and a group", gpuChat({ instanceTypes: ["g6.xlarge"], capacityReservation: { reservationId: "cr-0123456789abcdef0", resourceGroupArn: "arn:aws:resource-groups:eu-west-1:123456789012:group/r" } }),
      "services.chat.compute.capacityReservation.resourceGroupArn = \"arn:aws:resource-groups:eu-west-1:123456789012:group/r\": is given with reservationId; target one reservation or one reservation group, not both"],
    ["neither a preference nor a target", gpuChat({ capacityReservation: {} }),
      "services.chat.compute.capacityReservation: needs a preference (open, none, capacity-reservations-only) or a target (reservationId or resourceGroupArn)"],
    ["one reservation for two instance types", gpuChat({ instanceTypes: ["g6.xlarge", "g5.xlarge"], capacityReservation: { reservationId: "cr-0123456789abcdef0" } }),
      'services.chat.compute.capacityReservation.reservationId = "cr-0123456789abcdef0": is one reservation, of one instance type, but instanceTypes lists g6.xlarge, g5.xlarge; list only the reservation\'s type, or use a resourceGroupArn'],
    ["a malformed reservation id", gpuChat({ capacityReservation: { reservationId: "cr-123" } }),
      'services.chat.compute.capacityReservation.reservationId = "cr-123": must be an On-Demand Capacity Reservation or Capacity Block id such as "cr-0123456789abcdef0"'],
    ["a Capacity Block on an instance type not sold as blocks", gpuChat({ capacityReservation: { reservationId: "cr-0123456789abcdef0", capacityBlock: true } }),
      'services.chat.compute.instanceTypes = "g5.xlarge": g5.xlarge is not sold as Capacity Blocks for ML (reservation cr-0123456789abcdef0); Capacity Block types: p4d.24xlarge'],
    ["a Capacity Block without its reservation id", gpuChat({ instanceTypes: ["p5.48xlarge"], gpusPerTask: 8, capacityReservation: { capacityBlock: true, preference: "open" } }, { cpu: 65536, memory: 1048576 }),
      "services.chat.compute.capacityReservation.capacityBlock = true: needs reservationId: the Capacity Block's reservation id (cr-...)"],
    ["a warm pool on several instance types", gpuChat({ instanceTypes: ["g6.xlarge", "g5.xlarge"], warmPool: { minSize: 1 } }),
      "services.chat.compute.warmPool: needs a single instance type: instanceTypes lists g6.xlarge, g5.xlarge, which makes a mixed instances policy, and Auto Scaling groups with one cannot have a warm pool"],
    ["a warm pool whose prepared capacity is below its minimum", gpuChat({ warmPool: { minSize: 3, maxPreparedCapacity: 2 } }),
      "services.chat.compute.warmPool.maxPreparedCapacity = 2: is less than minSize (3)"],
    ["a hibernated warm pool", gpuChat({ warmPool: { state: "Hibernated" } }),
      'services.chat.compute.warmPool.state = "Hibernated": must be one of: Stopped, Running'],
    ["a warm pool with Managed Instances", gpuChat({ provisioning: "managed-instances", warmPool: { minSize: 1 } }),
      "services.chat.compute.warmPool = a mapping: applies to provisioning: auto-scaling-group only; ECS Managed Instances sizes its instances itself"],
    ["a reservation on Fargate", withChat({ compute: { capacityReservation: { preference: "open" } } }),
      "services.chat.compute.capacityReservation"],
  ];

  test.each(cases)("%s", (_name, input, expected) => {
    expect(problemsOf(input)).toEqual(expect.arrayContaining([expect.stringContaining(expected)]));
  });
});
