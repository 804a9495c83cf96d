import { z } from 'zod';
import { loadConfig } from '../load-config';
import { serviceClickhouseEnv } from './clickhouse.env';

describe('clickhouse env - per-service defaults', () => {
  const schema = z.object(serviceClickhouseEnv('tracking'));

  it('clickhouse env - a service gets its own chDB folder and database by default', () => {
    expect(loadConfig(schema, {})).toEqual({
      CLICKHOUSE_URL: undefined,
      CLICKHOUSE_DATA_PATH: '.slipway/data/clickhouse/tracking',
      CLICKHOUSE_DATABASE: 'slipway_tracking',
    });
  });

  it('clickhouse env - a database name that is not an identifier is refused naming the variable', () => {
    expect(() => loadConfig(schema, { CLICKHOUSE_DATABASE: 'drop table' })).toThrow(/CLICKHOUSE_DATABASE/);
  });
});
