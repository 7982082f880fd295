/**
 * Amazon ECS quotas the config is checked against.
 */

/**
 * Largest task definition ECS registers, in bytes of its JSON: the container definitions (command,
 * environment, secrets, health check, mount points, log settings) and the task's own fields.
 * Source: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-quotas.html
 * ("Task definition size: 64 KiB"); RegisterTaskDefinition answers a larger one with
 * "Actual length: '66420'. Max allowed length is '65536' bytes."
 */
export const MAX_TASK_DEFINITION_BYTES = 65536;
