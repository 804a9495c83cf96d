import type { EventDefinition } from '@slipway/contracts';
import type { JetStreamServerOptions } from '@slipway/messaging';
import type { PostgresEntities, PostgresMigrations } from '@slipway/persistence';

/** The part of a service's validated config the kit reads (each service's schema includes these keys). */
export interface ServiceKitConfig {
  /** One or more NATS servers. */
  NATS_URL: string[];
  SLIPWAY_SUBJECT_ROOT: string;
  HTTP_HOST: string;
  HTTP_PORT: number;
  LOG_LEVEL: string;
  SHUTDOWN_TIMEOUT_MS: number;
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;
}

/** Postgres settings of a service that owns a schema. */
export interface PostgresOptions {
  url: string;
  poolSize: number;
  /** The service's own schema (`tracking`, `registry`, …): no service reads another's tables. */
  schema: string;
  entities: PostgresEntities;
  migrations: PostgresMigrations;
}

/** One versioned ClickHouse migration: statements run in order. */
export interface ClickHouseMigrationSpec {
  version: number;
  name: string;
  up: string[];
  down?: string[];
}

/** ClickHouse settings of a service that owns a database (tracking: metrics, serving: predictions). */
export interface ClickHouseOptions {
  url?: string;
  dataPath: string;
  database: string;
  migrations: ClickHouseMigrationSpec[];
}

/** Everything `ServiceKitModule.forRoot` needs. */
export interface ServiceKitOptions {
  service: string;
  config: ServiceKitConfig;
  postgres?: PostgresOptions;
  clickhouse?: ClickHouseOptions;
  /** The events this service consumes through JetStream durable consumers (by `@EventPattern(type)`). */
  consumes?: readonly EventDefinition[];
  /** Tuning of those consumers (concurrency, batch, retries); defaults are the transport's. */
  consumer?: ConsumerTuning;
}

/** The JetStream consumer settings a service may tune. */
export type ConsumerTuning = Partial<
  Pick<
    JetStreamServerOptions,
    'concurrency' | 'batch' | 'maxAckPending' | 'ackWaitMs' | 'maxDeliver' | 'backoffMs'
  >
>;
