import { z } from 'zod';
import { configMarkdownTable, describeConfig } from './describe-config';
import { envString } from './env-types';
import { clickhouseEnv } from './fragments/clickhouse.env';
import { httpEnv } from './fragments/http.env';
import { natsEnv } from './fragments/nats.env';
import { postgresEnv } from './fragments/postgres.env';
import { lifecycleEnv } from './fragments/lifecycle.env';
import { telemetryEnv } from './fragments/telemetry.env';

describe('describeConfig', () => {
  test('rows - name, default as an env string, and description in schema order', () => {
    const rows = describeConfig(
      z.object({ ...httpEnv(4000), ...clickhouseEnv, SECRET: envString().describe('x') }),
    );
    expect(rows.map((r) => [r.name, r.default, r.required])).toEqual([
      ['HTTP_HOST', '127.0.0.1', false],
      ['HTTP_PORT', '4000', false],
      ['CLICKHOUSE_URL', undefined, false],
      ['CLICKHOUSE_DATA_PATH', '.slipway/data/clickhouse', false],
      ['CLICKHOUSE_DATABASE', 'slipway', false],
      ['SECRET', undefined, true],
    ]);
    expect(rows[1].description).toBe('TCP port of the HTTP server. Default: `4000`.');
  });

  test('fragments - every variable has a description', () => {
    const all = z.object({
      ...natsEnv,
      ...httpEnv(1),
      ...postgresEnv,
      ...clickhouseEnv,
      ...telemetryEnv,
      ...lifecycleEnv,
    });
    for (const row of describeConfig(all)) expect(row.description).not.toBe('');
  });

  test('markdown - one table row per variable', () => {
    const table = configMarkdownTable(z.object(natsEnv)).split('\n');
    expect(table).toHaveLength(4);
    expect(table[2]).toMatch(/^\| `NATS_URL` \| `nats:\/\/127\.0\.0\.1:4222` \| NATS server URL/);
  });
});
