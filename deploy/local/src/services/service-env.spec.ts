import type { ClickHouseMode } from '../clickhouse/clickhouse-mode';
import { parseLocalEnv } from '../config/parse-local-env';
import { SERVICE_CATALOG, selectServices, type ServiceName } from './service-catalog';
import { buildServiceEnv } from './service-env';

const spec = (name: ServiceName) => SERVICE_CATALOG.find((s) => s.name === name)!;
const embedded: ClickHouseMode = {
  kind: 'embedded',
  dataPath: (s) => `/home/data/clickhouse/${s}`,
  root: '/home/data/clickhouse',
};
const build = (
  name: ServiceName,
  clickhouse: ClickHouseMode = embedded,
  inherited: NodeJS.ProcessEnv = { PATH: '/bin' },
) =>
  buildServiceEnv({
    spec: spec(name),
    inherited,
    env: parseLocalEnv({ LOG_LEVEL: 'debug' }),
    natsUrl: 'nats://127.0.0.1:4223',
    databaseUrl: 'postgres://postgres:pw@127.0.0.1:5433/slipway',
    clickhouse,
    port: 8081,
  });

describe('buildServiceEnv - the service contract', () => {
  it('hands a service its NATS, Postgres, HTTP and log settings', () => {
    expect(build('registry')).toEqual({
      PATH: '/bin',
      NATS_URL: 'nats://127.0.0.1:4223',
      SLIPWAY_SUBJECT_ROOT: 'slipway',
      DATABASE_URL: 'postgres://postgres:pw@127.0.0.1:5433/slipway',
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: '8081',
      LOG_LEVEL: 'debug',
    });
  });

  it('gives each ClickHouse user its own chDB folder', () => {
    expect(build('tracking').CLICKHOUSE_DATA_PATH).toBe('/home/data/clickhouse/tracking');
    expect(build('serving').CLICKHOUSE_DATA_PATH).toBe('/home/data/clickhouse/serving');
    expect(build('gateway').CLICKHOUSE_DATA_PATH).toBeUndefined();
  });

  it('passes a ClickHouse server URL instead of a folder', () => {
    const env = build('tracking', { kind: 'server', url: 'http://ch:8123' });
    expect(env.CLICKHOUSE_URL).toBe('http://ch:8123');
    expect(env.CLICKHOUSE_DATA_PATH).toBeUndefined();
  });

  it('does not leak the orchestrator’s own contract variables', () => {
    const env = build('notifier', embedded, {
      HTTP_PORT: '1',
      CLICKHOUSE_DATA_PATH: '/elsewhere',
      HOME: '/root',
    });
    expect(env.HTTP_PORT).toBe('8081');
    expect(env.CLICKHOUSE_DATA_PATH).toBeUndefined();
    expect(env.HOME).toBe('/root');
  });
});

describe('selectServices - service subsets', () => {
  it('starts all six by default, gateway first', () => {
    expect(selectServices(undefined).map((s) => s.name)).toEqual([
      'gateway',
      'tracking',
      'registry',
      'pipeline',
      'serving',
      'notifier',
    ]);
  });

  it('keeps catalog order for a subset', () => {
    expect(selectServices('serving, gateway').map((s) => s.name)).toEqual(['gateway', 'serving']);
  });
});
