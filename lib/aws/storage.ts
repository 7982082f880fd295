/**
 * Storage identifiers a config may name for a model cache: EBS snapshots and EFS file systems
 * and access points. Linear patterns, each with a fixed-length id.
 * Sources: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Snapshot.html,
 * https://docs.aws.amazon.com/efs/latest/ug/iam-access-control-nfs-efs.html (ARN formats)
 */
export const SNAPSHOT_ID = /^snap-[0-9a-f]{8}([0-9a-f]{9})?$/;
export const EFS_FILE_SYSTEM_ARN = /^arn:aws[a-z-]{0,10}:elasticfilesystem:[a-z0-9-]{1,32}:\d{12}:file-system\/fs-[0-9a-f]{8,40}$/;
export const EFS_ACCESS_POINT_ARN = /^arn:aws[a-z-]{0,10}:elasticfilesystem:[a-z0-9-]{1,32}:\d{12}:access-point\/fsap-[0-9a-f]{8,40}$/;

/** The parts of an EFS ARN: its Region and the id after the slash. */
export function efsArnParts(arn: string): { readonly region: string; readonly id: string } {
  const [, , , region] = arn.split(":");
  return { region, id: arn.slice(arn.lastIndexOf("/") + 1) };
}

/**
 * The AWS managed policy an ECS infrastructure role needs to create, attach and delete the
 * managed EBS volumes of tasks. Source: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/infrastructure_IAM_role.html
 */
export const ECS_VOLUMES_INFRASTRUCTURE_POLICY = "service-role/AmazonECSInfrastructureRolePolicyForVolumes";

/**
 * The IOPS every gp3 volume gets whatever its size; above it, at most 500 IOPS per GiB.
 * Source: https://docs.aws.amazon.com/ebs/latest/userguide/general-purpose.html#gp3-ebs-volume-type
 */
export const GP3_BASELINE_IOPS = 3000;
