import { IAM_ROLE_NAME_MAX, names, NamingContext } from "../aws/names";
import { efsArnParts, GP3_BASELINE_IOPS } from "../aws/storage";
import { computeTypeOf } from "../capacity/kinds/compute";
import type { ParsedService } from "./schema";
import type { Finding } from "./validate";

type At = (...path: PropertyKey[]) => PropertyKey[];

/**
 * A service's task storage and start-up settings against its compute: Fargate's ephemeral
 * storage, EC2's shared memory, and the model cache (one volume kind, a path of its own, an EFS
 * file system in the environment's Region).
 * Sources: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_EphemeralStorage.html,
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LinuxParameters.html,
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ebs-volumes.html,
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/efs-volumes.html
 */
export function taskFindings(service: ParsedService, name: string, naming: NamingContext, region: string, at: At): Finding[] {
  const findings: Finding[] = [];
  const kind = computeTypeOf(service.compute);
  if (service.ephemeralStorageGiB !== undefined && kind !== "fargate") {
    findings.push({
      path: at("ephemeralStorageGiB"),
      value: service.ephemeralStorageGiB,
      message: "applies to Fargate tasks only; on GPU instances the tasks use the instance's volume: size it with compute.rootVolumeGiB",
    });
  }
  if (service.sharedMemoryMiB !== undefined) {
    if (kind === "fargate") {
      findings.push({ path: at("sharedMemoryMiB"), value: service.sharedMemoryMiB, message: "is not available on Fargate (ECS ignores linuxParameters.sharedMemorySize there); use compute type gpu" });
    } else if (service.sharedMemoryMiB > service.memory) {
      findings.push({ path: at("sharedMemoryMiB"), value: service.sharedMemoryMiB, message: `is more than the task's memory (${service.memory} MiB); /dev/shm is carved out of it` });
    }
  }
  findings.push(...sharedMemoryWarnings(service, at));
  const cache = service.modelCache;
  if (cache) {
    const path = (...rest: PropertyKey[]) => at("modelCache", ...rest);
    if ((cache.ebs === undefined) === (cache.efs === undefined)) {
      findings.push({ path: path(), message: "needs exactly one volume: ebs (a volume per task) or efs (shared by the service's tasks)" });
    }
    const segments = cache.path.split("/");
    if (cache.path === "/" || segments.includes("..") || segments.includes(".")) {
      findings.push({ path: path("path"), value: cache.path, message: 'must be a directory below "/" without "." or ".." segments' });
    }
    if (service.filesystem.writablePaths.includes(cache.path)) {
      findings.push({ path: path("path"), value: cache.path, message: "is also in filesystem.writablePaths; the cache volume is mounted there already, remove it from writablePaths" });
    }
    if (cache.efs) {
      const fileSystem = efsArnParts(cache.efs.fileSystemArn);
      if (fileSystem.region !== region) {
        findings.push({ path: path("efs", "fileSystemArn"), value: cache.efs.fileSystemArn, message: `is in ${fileSystem.region}; tasks mount file systems of their own Region (${region})` });
      }
      const accessPoint = cache.efs.accessPointArn;
      if (accessPoint && accessPoint.split(":").slice(0, 5).join(":") !== cache.efs.fileSystemArn.split(":").slice(0, 5).join(":")) {
        findings.push({ path: path("efs", "accessPointArn"), value: accessPoint, message: "is in another Region or account than the file system" });
      }
    }
    const ebs = cache.ebs;
    const role = names.volumeRole(naming, name);
    if (ebs && role.length > IAM_ROLE_NAME_MAX) {
      findings.push({ path: path("ebs"), message: `the service name makes the IAM role name "${role}" (for the EBS volumes) ${role.length} characters long; AWS allows at most ${IAM_ROLE_NAME_MAX}: shorten the service, project or environment name` });
    }
    // gp3 gives every volume a 3,000 IOPS baseline; above it, at most 500 IOPS per GiB
    // (https://docs.aws.amazon.com/ebs/latest/userguide/general-purpose.html#gp3-ebs-volume-type).
    const maxIops = Math.max(GP3_BASELINE_IOPS, (ebs?.sizeGiB ?? 0) * 500);
    // Without sizeGiB the volume is the snapshot's size, unknown here: AWS checks it.
    if (ebs?.iops !== undefined && ebs.sizeGiB !== undefined && ebs.iops > maxIops) {
      findings.push({ path: path("ebs", "iops"), value: ebs.iops, message: `is more than gp3 allows for ${ebs.sizeGiB} GiB (the ${GP3_BASELINE_IOPS} IOPS baseline, or 500 IOPS per GiB above it: at most ${maxIops})` });
    }
    if (ebs?.throughputMiBps !== undefined && ebs.throughputMiBps > (ebs.iops ?? GP3_BASELINE_IOPS) / 4) {
      findings.push({ path: path("ebs", "throughputMiBps"), value: ebs.throughputMiBps, message: `is more than gp3 allows for ${ebs.iops ?? GP3_BASELINE_IOPS} IOPS (0.25 MiB/s per IOPS: at most ${(ebs.iops ?? GP3_BASELINE_IOPS) / 4})` });
    }
    if (ebs?.initializationRateMiBps !== undefined && ebs.snapshotId === undefined) {
      findings.push({ path: path("ebs", "initializationRateMiBps"), value: ebs.initializationRateMiBps, message: "applies to a volume created from a snapshot; give snapshotId or remove it" });
    }
  }
  return findings;
}

/**
 * A warning for a tensor-parallel GPU service (more than one GPU per task) without sharedMemoryMiB:
 * its server's processes exchange tensors through /dev/shm, which Docker sizes at 64 MiB unless
 * the task sets linuxParameters.sharedMemorySize. vLLM's Docker guide: "vLLM uses PyTorch, which
 * uses shared memory to share data between processes under the hood, particularly for tensor
 * parallel inference" (https://docs.vllm.ai/en/latest/serving/deploying_with_docker.html).
 */
function sharedMemoryWarnings(service: ParsedService, at: At): Finding[] {
  const compute = service.compute;
  if (compute.type !== "gpu" || compute.gpusPerTask <= 1 || service.sharedMemoryMiB !== undefined) return [];
  return [
    {
      severity: "warning",
      path: at("compute", "gpusPerTask"),
      value: compute.gpusPerTask,
      message: `splits the model over ${compute.gpusPerTask} GPUs, but sharedMemoryMiB is not set: tensor-parallel servers (vLLM, TGI, Triton with NCCL) exchange tensors through /dev/shm, which is 64 MiB by default; set the service's sharedMemoryMiB (several GiB, within the task's ${service.memory} MiB)`,
    },
  ];
}
