import { envIdentifier, envString, envUrl } from '../env-types';
import { optionalVar, withDefault } from '../env-value';

/**
 * ClickHouse of a service that owns a database. Two services on one machine, both embedded,
 * need different `CLICKHOUSE_DATA_PATH`s: chDB locks its data directory to one process.
 */
export const clickhouseEnv = {
  /** A ClickHouse server; unset means embedded chDB in `CLICKHOUSE_DATA_PATH`. */
  CLICKHOUSE_URL: optionalVar(
    envUrl(['http:', 'https:']),
    'ClickHouse server URL (http:// or https://, credentials allowed); when unset, embedded chDB is used.',
  ),
  /** Data directory of embedded chDB; ignored with a server. */
  CLICKHOUSE_DATA_PATH: withDefault(
    envString(),
    '.slipway/data/clickhouse',
    'Data directory of embedded chDB (only used when CLICKHOUSE_URL is unset).',
  ),
  /** Database the service owns; created at start when missing. */
  CLICKHOUSE_DATABASE: withDefault(
    envIdentifier(),
    'slipway',
    'ClickHouse database owned by the service; created at start if missing.',
  ),
};

/**
 * {@link clickhouseEnv} with the defaults of one service that owns a database: its own chDB
 * folder (`.slipway/data/clickhouse/<service>`) and database (`slipway_<service>`), so two
 * embedded services on one machine never share a directory.
 */
export function serviceClickhouseEnv(service: string) {
  return {
    ...clickhouseEnv,
    CLICKHOUSE_DATA_PATH: withDefault(
      envString(),
      `.slipway/data/clickhouse/${service}`,
      "Data directory of this service's embedded chDB (only used when CLICKHOUSE_URL is unset).",
    ),
    CLICKHOUSE_DATABASE: withDefault(
      envIdentifier(),
      `slipway_${service}`,
      'ClickHouse database owned by this service.',
    ),
  };
}
