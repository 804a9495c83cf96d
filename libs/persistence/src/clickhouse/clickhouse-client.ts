import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { createClient, type ClickHouseClient, type ClickHouseSettings } from '@clickhouse/client';
import { trace } from '@opentelemetry/api';
import { SlipwayError } from '@slipway/contracts';
import { assertIdentifier } from '../identifier';
import { PersistenceErrorCodes } from '../persistence-errors';
import { type ChdbConnection, type ChdbRawInsert, loadChdb } from './chdb-loader';

/** Options of {@link createClickHouse}. */
export interface ClickHouseOptions {
  /** A ClickHouse server (`CLICKHOUSE_URL`, credentials allowed); unset means embedded chDB. */
  url?: string;
  /** Data directory of embedded chDB (`CLICKHOUSE_DATA_PATH`); default `.slipway/data/clickhouse`. */
  dataPath?: string;
  /** The database the service owns (`CLICKHOUSE_DATABASE`); created if missing, and the default for queries. */
  database: string;
  /** Settings sent with every query, merged over Slipway's defaults. */
  clickhouseSettings?: ClickHouseSettings;
  /** Request timeout against a server, in ms; default the client's (30 s). */
  requestTimeoutMs?: number;
}

/** Rows already encoded in an input format, for {@link ClickHouseHandle.insertFormatted}. */
export interface FormattedInsert {
  /** A table of the handle's database. */
  table: string;
  /** The columns each row fills, in order. */
  columns: readonly string[];
  format: 'JSONCompactEachRow';
  /** The rows, one per line. */
  body: Buffer;
}

/** An open ClickHouse, server or embedded, behind one client API. */
export interface ClickHouseHandle {
  client: ClickHouseClient;
  mode: 'server' | 'embedded';
  database: string;
  /** Absolute data directory in embedded mode. */
  dataPath?: string;
  /**
   * Inserts pre-encoded rows in one statement, synchronously (no async insert). Embedded, the
   * bytes go to chDB's raw insert: through `client.exec` they would be appended to the SQL text
   * (chDB's connection runs `INSERT … FORMAT X\n<rows>` as one query), which measured 1.5× slower
   * for 50,000-row batches. Against a server they are the body of the HTTP request.
   */
  insertFormatted(insert: FormattedInsert): Promise<void>;
  close(): Promise<void>;
}

/** NaN and infinities come back as `"nan"`/`"inf"` instead of `null`; see `fromClickHouseFloat`. */
export const DEFAULT_CLICKHOUSE_SETTINGS: ClickHouseSettings = { output_format_json_quote_denormals: 1 };

const tracer = trace.getTracer('@slipway/persistence');

function withoutPassword(url: string): string {
  return url.replace(/(\/\/[^/@:]*:)[^/@]*@/, '$1***@');
}

async function openServer(
  url: string,
  database: string,
  options: ClickHouseOptions,
): Promise<ClickHouseClient> {
  const common = { url, request_timeout: options.requestTimeoutMs };
  // The database must exist before a client may name it as its default.
  const bootstrap = createClient(common);
  try {
    await bootstrap.command({ query: `CREATE DATABASE IF NOT EXISTS \`${database}\`` });
  } catch (error) {
    throw new SlipwayError(
      PersistenceErrorCodes.CLICKHOUSE_UNAVAILABLE,
      `cannot use ClickHouse at ${withoutPassword(url)}: ${(error as Error).message}`,
      undefined,
      { cause: error },
    );
  } finally {
    await bootstrap.close();
  }
  return createClient({
    ...common,
    database,
    clickhouse_settings: { ...DEFAULT_CLICKHOUSE_SETTINGS, ...options.clickhouseSettings },
    tracer,
  });
}

/** Where {@link formattedInserter} inserts: a client, its database, and chDB's own calls when embedded. */
export interface FormattedInsertTarget {
  client: ClickHouseClient;
  database: string;
  chdb?: ChdbRawInsert;
}

/**
 * {@link ClickHouseHandle.insertFormatted} for `target`: chDB's raw insert when it has one, else
 * the client's `exec` with the rows as the request body. Table and columns must be identifiers.
 */
export function formattedInserter(target: FormattedInsertTarget): (insert: FormattedInsert) => Promise<void> {
  const database = assertIdentifier('ClickHouse database', target.database);
  return async (insert) => {
    const table = assertIdentifier('ClickHouse table', insert.table);
    const columns = insert.columns.map((c) => assertIdentifier('ClickHouse column', c));
    if (target.chdb) {
      await target.chdb.rawInsert({
        table: `${database}.${table}`,
        columns,
        format: insert.format,
        values: insert.body,
        settings: { async_insert: 0 },
      });
      return;
    }
    const result = await target.client.exec({
      query: `INSERT INTO \`${database}\`.\`${table}\` (${columns.join(', ')}) FORMAT ${insert.format}`,
      values: Readable.from([insert.body], { objectMode: false }),
      clickhouse_settings: { async_insert: 0 },
    });
    result.stream.destroy();
  };
}

async function openEmbedded(
  dataPath: string,
  database: string,
  options: ClickHouseOptions,
): Promise<{ client: ClickHouseClient; connection: ChdbConnection }> {
  const { createChdbConnection } = loadChdb();
  await mkdir(dataPath, { recursive: true });
  let connection: ChdbConnection;
  try {
    connection = createChdbConnection({ path: dataPath });
  } catch (error) {
    throw new SlipwayError(
      PersistenceErrorCodes.CLICKHOUSE_UNAVAILABLE,
      `cannot open embedded ClickHouse in ${dataPath}: ${(error as Error).message}`,
      undefined,
      { cause: error },
    );
  }
  const client = createClient({
    connection,
    clickhouse_settings: { ...DEFAULT_CLICKHOUSE_SETTINGS, ...options.clickhouseSettings },
    tracer,
  });
  try {
    await client.command({ query: `CREATE DATABASE IF NOT EXISTS \`${database}\`` });
    // The chDB connection ignores the client's `database` option but keeps a session: USE sticks.
    await client.command({ query: `USE \`${database}\`` });
  } catch (error) {
    await client.close();
    throw error;
  }
  return { client, connection };
}

/**
 * Opens ClickHouse for a service: the server at `url`, or else embedded chDB in `dataPath`
 * (one data directory per process; the `chdb` package is loaded only then). Creates `database`
 * if missing and makes it the default for unqualified table names in both modes. Spans of
 * queries go to the global OpenTelemetry tracer.
 */
export async function createClickHouse(options: ClickHouseOptions): Promise<ClickHouseHandle> {
  const database = assertIdentifier('ClickHouse database', options.database);
  if (options.url) {
    const client = await openServer(options.url, database, options);
    return {
      client,
      mode: 'server',
      database,
      insertFormatted: formattedInserter({ client, database }),
      close: () => client.close(),
    };
  }
  const dataPath = resolve(options.dataPath ?? '.slipway/data/clickhouse');
  const { client, connection } = await openEmbedded(dataPath, database, options);
  return {
    client,
    mode: 'embedded',
    database,
    dataPath,
    insertFormatted: formattedInserter({ client, database, chdb: connection.chdb }),
    close: () => client.close(),
  };
}

/** Readiness probe: a ping (server) or `SELECT 1` (embedded); rejects when ClickHouse cannot answer. */
export async function checkClickHouse(client: ClickHouseClient): Promise<void> {
  const result = await client.ping();
  if (!result.success) throw result.error;
}
