import type { ClickHouseClientConfigOptions } from '@clickhouse/client';
import { SlipwayError } from '@slipway/contracts';
import { PersistenceErrorCodes } from '../persistence-errors';

/** chDB's raw insert: the payload goes to the engine as it is, without the SQL parser. */
export interface ChdbRawInsert {
  rawInsert(params: {
    table: string;
    columns?: readonly string[];
    format: 'JSONCompactEachRow' | 'JSONEachRow' | 'TSV' | 'CSV';
    values: Buffer;
    settings?: Record<string, string | number | boolean>;
  }): Promise<unknown>;
}

/** The connection `chdb/connection` creates: a `@clickhouse/client` connection plus chDB's own calls. */
export type ChdbConnection = NonNullable<ClickHouseClientConfigOptions['connection']> & {
  chdb: ChdbRawInsert;
};

/** The part of `chdb/connection` Slipway uses. */
export interface ChdbConnectionModule {
  createChdbConnection(options: { path: string }): ChdbConnection;
}

/**
 * Loads the optional `chdb` package on first use, so services talking to a ClickHouse server
 * never load the native engine.
 *
 * @throws SlipwayError `PERSISTENCE.CHDB_NOT_INSTALLED` saying how to get it or avoid it.
 */
export function loadChdb(): ChdbConnectionModule {
  try {
    // A static import would load the native engine in every process, and break those without it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('chdb/connection') as ChdbConnectionModule;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'MODULE_NOT_FOUND' && code !== 'ERR_MODULE_NOT_FOUND') throw error;
    throw new SlipwayError(
      PersistenceErrorCodes.CHDB_MISSING,
      'embedded ClickHouse needs the optional package "chdb": run `npm install chdb`, ' +
        'or set CLICKHOUSE_URL to a ClickHouse server',
      undefined,
      { cause: error },
    );
  }
}
