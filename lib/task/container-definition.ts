/**
 * Typed ECS container definitions. {@link renderContainerDefinitions} is the one place
 * they become the JSON ECS takes; nothing else writes container JSON.
 * Field reference: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html
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
  /** @default none */
  readonly portMappings?: readonly PortMapping[];
  /** Overrides the image's command. @default the image's command */
  readonly command?: readonly string[];
  /** Plain environment variables. @default none */
  readonly environment?: Readonly<Record<string, string>>;
  /** Variables filled from Secrets Manager or SSM: name to ARN. @default none */
  readonly secrets?: Readonly<Record<string, string>>;
  /** @default none */
  readonly healthCheck?: ContainerHealthCheck;
  readonly logs: AwsLogs;
  /** Seconds between SIGTERM and SIGKILL. @default ECS's 30 s */
  readonly stopTimeoutSeconds?: number;
  /** Number of GPUs reserved for the container. @default none */
  readonly gpus?: number;
  /** @default false */
  readonly readonlyRootFilesystem?: boolean;
  /** Volumes mounted into the container. @default none */
  readonly mountPoints?: readonly { readonly sourceVolume: string; readonly containerPath: string; readonly readOnly?: boolean }[];
}

const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** The ECS JSON of one container (keys in a stable order, variables sorted by name). */
export function containerDefinitionJson(def: ContainerDefinition): Record<string, unknown> {
  const json: Record<string, unknown> = {
    name: def.name,
    image: def.image,
    essential: def.essential ?? true,
  };
  if (def.command) json.command = [...def.command];
  if (def.portMappings?.length) {
    json.portMappings = def.portMappings.map((p) => ({
      containerPort: p.containerPort,
      protocol: p.protocol ?? "tcp",
      ...(p.name ? { name: p.name } : {}),
      ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}),
    }));
  }
  json.environment = Object.entries(def.environment ?? {})
    .map(([name, value]) => ({ name, value }))
    .sort(byName);
  json.secrets = Object.entries(def.secrets ?? {})
    .map(([name, valueFrom]) => ({ name, valueFrom }))
    .sort(byName);
  if (def.healthCheck) {
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
  if (def.gpus) json.resourceRequirements = [{ type: "GPU", value: String(def.gpus) }];
  json.readonlyRootFilesystem = def.readonlyRootFilesystem ?? false;
  json.mountPoints = (def.mountPoints ?? []).map((m) => ({ sourceVolume: m.sourceVolume, containerPath: m.containerPath, readOnly: m.readOnly ?? false }));
  json.volumesFrom = [];
  return json;
}

/** The `container_definitions` string of a task definition. */
export function renderContainerDefinitions(defs: readonly ContainerDefinition[]): string {
  return JSON.stringify(defs.map(containerDefinitionJson));
}
