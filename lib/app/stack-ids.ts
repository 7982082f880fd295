/**
 * Construct ids, Terraform addresses and output names of the stacks, designed so that no config
 * can make two of them equal (a service named `cluster`, a worker `a` beside a web service
 * `a-queue`, state buckets `x.state-a` and `x-state.a`), without refusing any name.
 *
 * - The constructs an environment stack holds directly have the ids below; services live one level
 *   down, under `services`, so a service's construct id can never equal one of them.
 * - Terraform addresses (logical ids) stay what they were before services moved under `services`:
 *   a service's resources are addressed from its name (`chat_runtime_service_...`). Only a service
 *   whose name is one of the stack's own ids keeps `services` in its addresses
 *   (`services_cluster_runtime_service_...`), since addressing it from its name alone could meet
 *   the stack's own construct of that name. cdktf hashes the whole path into every address, so
 *   different paths give different addresses.
 * - Output names are `<service>_<output>`: service names have no `_` and keep their hyphens, so the
 *   service and the output can always be told apart (`a_queue_url` is worker a's queue,
 *   `a-queue_url` web service a-queue's URL). The stack's own outputs (`cluster_name`) end in no
 *   service output.
 * - State bucket outputs are `bucket_` and the bucket name with `-` as `_` and `.` as `-`: a
 *   one-to-one spelling, since bucket names have neither `_` nor any other character.
 */

/** The ids of the constructs an environment stack holds directly (besides its outputs, whose names contain `_`). */
export const ENVIRONMENT_CONSTRUCT_IDS = {
  provider: "aws",
  /** cdktf's fixed id for a stack's backend. */
  backend: "backend",
  network: "network",
  cluster: "cluster",
  loadBalancer: "load-balancer",
  loadBalancerLogs: "load-balancer-logs",
  loadBalancerFirewall: "load-balancer-firewall",
  /** The account and partition the stack deploys to (data sources). */
  account: "account",
  /** The environment's KMS key (unless kmsKeyArn names one). */
  key: "key",
  /** The environment's alert topic (when some service has alarms). */
  alerts: "alerts",
  dashboard: "dashboard",
  /** The scope every service construct is created in. */
  services: "services",
} as const;

const STACK_IDS: ReadonlySet<string> = new Set(Object.values(ENVIRONMENT_CONSTRUCT_IDS));

/**
 * The path components an environment stack's Terraform element is addressed by, from its construct
 * path below the stack (see the module comment). Throws for an element in a stack-level construct
 * that is not in {@link ENVIRONMENT_CONSTRUCT_IDS}: a new one must be added there, so that the
 * services' addresses keep clear of it.
 */
export function environmentAddressPath(path: readonly string[]): string[] {
  const [first, service, ...rest] = path;
  if (path.length === 1) return [...path];
  if (first !== ENVIRONMENT_CONSTRUCT_IDS.services) {
    if (!STACK_IDS.has(first)) {
      throw new Error(`construct "${first}" sits directly in an environment stack but is not in ENVIRONMENT_CONSTRUCT_IDS (lib/app/stack-ids.ts); add it there`);
    }
    return [...path];
  }
  return STACK_IDS.has(service) ? [...path] : [service, ...rest];
}

/** The outputs every service has, by what they hold. */
export const SERVICE_OUTPUTS = {
  url: "url",
  serviceName: "service_name",
  logGroup: "log_group",
  queueUrl: "queue_url",
  deadLetterQueueUrl: "dead_letter_queue_url",
  alarmArns: "alarm_arns",
} as const;

export type ServiceOutput = keyof typeof SERVICE_OUTPUTS;

/** The name of one of a service's outputs: `chat_url`, `batch-embed_queue_url`. */
export function serviceOutputName(service: string, output: ServiceOutput): string {
  return `${service}_${SERVICE_OUTPUTS[output]}`;
}

/**
 * The outputs an environment stack has besides its services'. None is `<name>_<service output>`
 * (what follows the first `_` is never one of {@link SERVICE_OUTPUTS}): the dashboard's is
 * `cloudwatch_dashboard_url`, since `dashboard_url` is the URL output of a service named `dashboard`.
 */
export const ENVIRONMENT_OUTPUTS = {
  clusterName: "cluster_name",
  loadBalancerDnsName: "load_balancer_dns_name",
  loadBalancerZoneId: "load_balancer_zone_id",
  dashboardUrl: "cloudwatch_dashboard_url",
} as const;

/** The state stack's output of a state bucket's ARN: `bucket_genai_terraform_state_example`. */
export function stateBucketOutputName(bucket: string): string {
  return `bucket_${bucket.replace(/-/g, "_").replace(/\./g, "-")}`;
}

/**
 * The state stack's construct ids of a state bucket, its access log bucket and key, and a lock
 * table: distinct prefixes keep them apart from each other and from the provider's `aws`.
 */
export const stateConstructIds = {
  bucket: (bucket: string) => `bucket-${bucket}`,
  accessLogs: (bucket: string) => `access-logs-${bucket}`,
  key: (bucket: string) => `key-${bucket}`,
  lockTable: (table: string) => `lock-table-${table}`,
};
