import { z } from 'zod';
import { CONFIG_INVALID, ConfigError } from './config-error';
import { clickhouseEnv } from './fragments/clickhouse.env';
import { httpEnv } from './fragments/http.env';
import { lifecycleEnv } from './fragments/lifecycle.env';
import { natsEnv } from './fragments/nats.env';
import { postgresEnv } from './fragments/postgres.env';
import { telemetryEnv } from './fragments/telemetry.env';
import { loadConfig, loadServiceConfig } from './load-config';

const schema = z.object({
  ...natsEnv,
  ...httpEnv(3001),
  ...postgresEnv,
  ...clickhouseEnv,
  ...telemetryEnv,
  ...lifecycleEnv,
});

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  test('defaults - an empty environment gives every default', () => {
    expect(loadConfig(schema, {})).toEqual({
      NATS_URL: ['nats://127.0.0.1:4222'],
      SLIPWAY_SUBJECT_ROOT: 'slipway',
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: 3001,
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/slipway',
      DATABASE_POOL_SIZE: 10,
      CLICKHOUSE_DATA_PATH: '.slipway/data/clickhouse',
      CLICKHOUSE_DATABASE: 'slipway',
      LOG_LEVEL: 'info',
      METRICS_ENABLED: true,
      SHUTDOWN_TIMEOUT_MS: 10000,
    });
  });

  test('values - set variables are parsed, empty ones fall back to defaults', () => {
    const config = loadConfig(schema, {
      NATS_URL: 'nats://n1:4222,nats://n2:4222',
      HTTP_PORT: '8080',
      METRICS_ENABLED: 'false',
      CLICKHOUSE_URL: 'http://default:pw@ch:8123',
      LOG_LEVEL: '',
      UNRELATED: 'ignored',
    });
    expect(config.NATS_URL).toEqual(['nats://n1:4222', 'nats://n2:4222']);
    expect(config.HTTP_PORT).toBe(8080);
    expect(config.METRICS_ENABLED).toBe(false);
    expect(config.CLICKHOUSE_URL).toBe('http://default:pw@ch:8123');
    expect(config.LOG_LEVEL).toBe('info');
    expect(config).not.toHaveProperty('UNRELATED');
  });

  test('errors - the message names each bad variable, why, and what it got', () => {
    const error = configError(() =>
      loadConfig(schema, { HTTP_PORT: 'abc', DATABASE_URL: 'mysql://db', METRICS_ENABLED: 'maybe' }),
    );
    expect(error.code).toBe(CONFIG_INVALID);
    expect(error.message).toContain('HTTP_PORT: expected an integer 1-65535, got "abc"');
    expect(error.message).toContain(
      'DATABASE_URL: expected a postgres:// or postgresql:// URL, got "mysql://db"',
    );
    expect(error.message).toContain('METRICS_ENABLED: expected true, false, 1 or 0, got "maybe"');
    expect(error.problems.map((p) => p.variable)).toEqual(['HTTP_PORT', 'DATABASE_URL', 'METRICS_ENABLED']);
  });

  test('errors - a missing required variable is reported as required', () => {
    const error = configError(() => loadConfig(z.object({ API_TOKEN: z.string().describe('token') }), {}));
    expect(error.message).toBe('invalid configuration: API_TOKEN: is required');
  });

  test('errors - passwords in URLs and secret variables are not echoed', () => {
    const error = configError(() =>
      loadConfig(z.object({ ...postgresEnv, API_TOKEN: z.string().min(40) }), {
        DATABASE_URL: 'mysql://admin:hunter2@db/x',
        API_TOKEN: 'short-secret',
      }),
    );
    expect(error.message).not.toContain('hunter2');
    expect(error.message).not.toContain('short-secret');
    expect(error.message).toContain('mysql://admin:***@db/x');
  });
});

describe('loadServiceConfig', () => {
  test('bad environment - prints the problems to stderr and exits 1', () => {
    const write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const exit = jest.spyOn(process, 'exit').mockImplementation(((code?: number) => {
      throw new Error(`exit ${code}`);
    }) as typeof process.exit);
    try {
      expect(() => loadServiceConfig(schema, 'tracking', { HTTP_PORT: 'abc' })).toThrow('exit 1');
      expect(write).toHaveBeenCalledWith(
        'tracking: invalid configuration\n  HTTP_PORT: expected an integer 1-65535, got "abc"\n',
      );
    } finally {
      write.mockRestore();
      exit.mockRestore();
    }
  });

  test('good environment - returns the config', () => {
    expect(loadServiceConfig(schema, 'tracking', { HTTP_PORT: '9000' }).HTTP_PORT).toBe(9000);
  });
});
