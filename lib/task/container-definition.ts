import { HclExpression } from "../hcl/hcl-expression";

/**
 * Typed ECS container definitions. {@link renderContainerDefinitions} is the one place
 * they become the JSON ECS takes; nothing else writes container JSON.
 * Field reference: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html
 *
 * Strings and numbers may be Terraform tokens (a module variable); the fields whose shape
 * depends on a value Terraform only knows at plan time also take an {@link HclExpression}.
 */

export interface PortMapping {
  readonly containerPort: number;
  /** @default "tcp" */
  readonly protocol?: "tcp" | "udp";
  /** Name used by Service Connect and in the console. @default none */
  readonly name?: string;
  /** @default none */
  readonly appProtocol?: "http" | "http2" | "grpc";
}

/** A container health check run by the ECS agent. */
export interface ContainerHealthCheck {
  /** A shell command (run as CMD-SHELL); exit code 0 means healthy. */
  readonly shellCommand: string;
  readonly intervalSeconds: number;
  readonly timeoutSeconds: number;
  readonly retries: number;
  readonly startPeriodSeconds: number;
}

/** awslogs log driver settings. */
export interface AwsLogs {
  readonly logGroup: string;
  readonly region: string;
  readonly streamPrefix: string;
  /** @default "non-blocking": a slow log pipe never stalls the model server */
  readonly mode?: "blocking" | "non-blocking";
}

export interface ContainerDefinition {
  readonly name: string;
  readonly image: string;
  /** @default true */
  readonly essential?: boolean;
  /** CPU units reserved for the container. @default none: it shares what the others leave */
  readonly cpu?: number;
  /** The container's memory hard limit (MiB). @default none: the task's memory bounds it */
  readonly memory?: number;
  /**
   * Ports the container listens on; an expression is a list of objects with `container_port`,
   * `protocol`, `name` and `app_protocol` that Terraform computes. @default none
   */
  readonly portMappings?: readonly PortMapping[] | HclExpression;
  /** Overrides the image's command; an expression is a list of strings or null. @default the image's command */
  readonly command?: readonly string[] | HclExpression;
  /** Plain environment variables; an expression is a map of strings. @default none */
  readonly environment?: Readonly<Record<string, string>> | HclExpression;
  /** Variables filled from Secrets Manager or SSM: name to ARN; an expression is a map of strings. @default none */
  readonly secrets?: Readonly<Record<string, string>> | HclExpression;
  /**
   * The health check; an expression is an object with `command` (run as CMD-SHELL),
   * `interval_seconds`, `timeout_seconds`, `retries` and `start_period_seconds`, or null for
   * none. @default none
   */
  readonly healthCheck?: ContainerHealthCheck | HclExpression;
  readonly logs: AwsLogs;
  /** Seconds between SIGTERM and SIGKILL. @default ECS's 30 s */
  readonly stopTimeoutSeconds?: number;
  /** Number of GPUs reserved for the container; with an expression, none when it is 0. @default none */
  readonly gpus?: number | HclExpression;
  /** @default false */
  readonly readonlyRootFilesystem?: boolean;
  /** Size of /dev/shm (MiB), `linuxParameters.sharedMemorySize` (EC2 only). @default Docker's 64 MiB */
  readonly sharedMemoryMiB?: number;
  /** Volumes mounted into the container; an expression is a list of mount points Terraform computes. @default none */
  readonly mountPoints?: readonly { readonly sourceVolume: string; readonly containerPath: string; readonly readOnly?: boolean }[] | HclExpression;
  /**
   * A condition Terraform decides at plan time: the container is in the task only when it holds
   * (a template directive around it). Not for the first container. @default always there
   */
  readonly when?: HclExpression;
}

const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** ECS's list of `{ name, <valueKey> }` pairs, sorted by name (a Terraform `for` over a map goes in key order too). */
function namedValues(values: Readonly<Record<string, string>> | HclExpression | undefined, valueKey: "value" | "valueFrom"): unknown {
  if (HclExpression.isHclExpression(values)) {
    return HclExpression.of(`[for name, value in ${values.text} : { name = name, ${valueKey} = value }]`);
  }
  return Object.entries(values ?? {})
    .map(([name, value]) => ({ name, [valueKey]: value }))
    .sort(byName);
}

/** The GPU resource requirement: none for no GPUs. */
function gpuRequirements(gpus: number | HclExpression): unknown {
  if (HclExpression.isHclExpression(gpus)) {
    return HclExpression.of(`${gpus.text} > 0 ? [{ type = "GPU", value = tostring(${gpus.text}) }] : null`);
  }
  return [{ type: "GPU", value: String(gpus) }];
}

/** The ECS JSON of one container (keys in a stable order, variables sorted by name). */
export function containerDefinitionJson(def: ContainerDefinition): Record<string, unknown> {
  const json: Record<string, unknown> = {
    name: def.name,
    image: def.image,
    essential: def.essential ?? true,
  };
  if (def.cpu !== undefined) json.cpu = def.cpu;
  if (def.memory !== undefined) json.memory = def.memory;
  if (def.command) json.command = HclExpression.isHclExpression(def.command) ? def.command : [...def.command];
  if (HclExpression.isHclExpression(def.portMappings)) {
    json.portMappings = HclExpression.of(
      `[for port in ${def.portMappings.collection()} : { containerPort = port.container_port, protocol = port.protocol, name = port.name, appProtocol = port.app_protocol }]`,
    );
  } else if (def.portMappings?.length) {
    json.portMappings = def.portMappings.map((p) => ({
      containerPort: p.containerPort,
      protocol: p.protocol ?? "tcp",
      ...(p.name ? { name: p.name } : {}),
      ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}),
    }));
  }
  json.environment = namedValues(def.environment, "value");
  json.secrets = namedValues(def.secrets, "valueFrom");
  if (HclExpression.isHclExpression(def.healthCheck)) {
    const check = def.healthCheck.operand();
    json.healthCheck = HclExpression.of(
      `${check} == null ? null : { command = ["CMD-SHELL", ${check}.command], interval = ${check}.interval_seconds, timeout = ${check}.timeout_seconds, retries = ${check}.retries, startPeriod = ${check}.start_period_seconds }`,
    );
  } else if (def.healthCheck) {
    json.healthCheck = {
      command: ["CMD-SHELL", def.healthCheck.shellCommand],
      interval: def.healthCheck.intervalSeconds,
      timeout: def.healthCheck.timeoutSeconds,
      retries: def.healthCheck.retries,
      startPeriod: def.healthCheck.startPeriodSeconds,
    };
  }
  json.logConfiguration = {
    logDriver: "awslogs",
    options: {
      "awslogs-group": def.logs.logGroup,
      "awslogs-region": def.logs.region,
      "awslogs-stream-prefix": def.logs.streamPrefix,
      mode: def.logs.mode ?? "non-blocking",
    },
  };
  if (def.stopTimeoutSeconds !== undefined) json.stopTimeout = def.stopTimeoutSeconds;
  if (def.gpus) json.resourceRequirements = gpuRequirements(def.gpus);
  if (def.sharedMemoryMiB !== undefined) json.linuxParameters = { sharedMemorySize: def.sharedMemoryMiB };
  json.readonlyRootFilesystem = def.readonlyRootFilesystem ?? false;
  const mounts = def.mountPoints ?? [];
  json.mountPoints = HclExpression.isHclExpression(mounts)
    ? mounts
    : mounts.map((m) => ({ sourceVolume: m.sourceVolume, containerPath: m.containerPath, readOnly: m.readOnly ?? false }));
  json.volumesFrom = [];
  return json;
}

/** The `container_definitions` string of a task definition. */
export function renderContainerDefinitions(defs: readonly ContainerDefinition[]): string {
  if (!defs.some((def) => def.when)) return JSON.stringify(defs.map(containerDefinitionJson));
  if (defs[0]?.when) throw new Error(`container ${defs[0].name}: the first container cannot depend on a plan-time condition`);
  // A Terraform string template: `%{if <condition>},<container>%{endif}` leaves out a container and its comma.
  const [first, ...rest] = defs.map((def) => ({ def, json: JSON.stringify(containerDefinitionJson(def)) }));
  return `[${first!.json}${rest.map(({ def, json }) => (def.when ? `%{if ${def.when.text}},${json}%{endif}` : `,${json}`)).join("")}]`;
}
