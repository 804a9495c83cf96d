import type { ClickHouseMode } from '../clickhouse/clickhouse-mode';
import type { LocalEnv } from '../config/local-env.schema';
import type { ServiceSpec } from './service-catalog';

/** Variables the orchestrator decides; everything else in its own environment is inherited. */
const OWNED = [
  'NATS_URL',
  'SLIPWAY_SUBJECT_ROOT',
  'DATABASE_URL',
  'CLICKHOUSE_URL',
  'CLICKHOUSE_DATA_PATH',
  'HTTP_HOST',
  'HTTP_PORT',
  'LOG_LEVEL',
  'OTEL_EXPORTER_OTLP_ENDPOINT',
];

export interface ServiceEnvInput {
  spec: ServiceSpec;
  inherited: NodeJS.ProcessEnv;
  env: Pick<LocalEnv, 'SLIPWAY_SUBJECT_ROOT' | 'HTTP_HOST' | 'LOG_LEVEL' | 'OTEL_EXPORTER_OTLP_ENDPOINT'>;
  natsUrl: string;
  databaseUrl: string;
  clickhouse: ClickHouseMode;
  port: number;
  /** Where the gateway writes the admin token it creates on the first start. */
  adminTokenFile?: string;
}

/** The environment of one service process: the service contract's variables. */
export function buildServiceEnv(input: ServiceEnvInput): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(
    Object.entries(input.inherited).filter(([key]) => !OWNED.includes(key)),
  );
  const env: NodeJS.ProcessEnv = {
    ...inherited,
    NATS_URL: input.natsUrl,
    SLIPWAY_SUBJECT_ROOT: input.env.SLIPWAY_SUBJECT_ROOT,
    DATABASE_URL: input.databaseUrl,
    HTTP_HOST: input.env.HTTP_HOST,
    HTTP_PORT: String(input.port),
    LOG_LEVEL: input.env.LOG_LEVEL,
  };
  if (input.env.OTEL_EXPORTER_OTLP_ENDPOINT)
    env.OTEL_EXPORTER_OTLP_ENDPOINT = input.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (input.spec.name === 'gateway' && input.adminTokenFile && !env.GATEWAY_ADMIN_TOKEN_FILE)
    env.GATEWAY_ADMIN_TOKEN_FILE = input.adminTokenFile;
  if (input.spec.usesClickHouse) {
    if (input.clickhouse.kind === 'server') env.CLICKHOUSE_URL = input.clickhouse.url;
    else env.CLICKHOUSE_DATA_PATH = input.clickhouse.dataPath(input.spec.name);
  }
  return env;
}
