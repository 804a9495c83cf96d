import { envInt, envUrl } from '../env-types';
import { withDefault } from '../env-value';

/** Postgres connection of a service that owns a schema. */
export const postgresEnv = {
  /** Connection URL; the service works in its own schema of this database. */
  DATABASE_URL: withDefault(
    envUrl(['postgres:', 'postgresql:']),
    'postgres://postgres@127.0.0.1:5432/slipway',
    'Postgres connection URL (postgres:// or postgresql://); the service uses its own schema in it.',
  ),
  /** Upper bound of the connection pool. */
  DATABASE_POOL_SIZE: withDefault(envInt(1, 1000), '10', 'Maximum number of pooled Postgres connections.'),
};
