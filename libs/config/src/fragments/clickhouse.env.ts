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
