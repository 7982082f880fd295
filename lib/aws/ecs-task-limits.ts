/**
 * ECS limits on task and container settings the config sets.
 * Source: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_HealthCheck.html (startPeriod 0-300 s),
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_EphemeralStorage.html (21-200 GiB, Fargate),
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LinuxParameters.html (sharedMemorySize: not on Fargate)
 */
export const MAX_CONTAINER_START_PERIOD_SECONDS = 300;
