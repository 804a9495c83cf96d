import { LocalEnvError, parseLocalEnv } from './parse-local-env';

const failure = (env: NodeJS.ProcessEnv): LocalEnvError => {
  try {
    parseLocalEnv(env);
  } catch (error) {
    if (error instanceof LocalEnvError) return error;
    throw error;
  }
  throw new Error('expected a LocalEnvError');
};

describe('parseLocalEnv - environment of npm start', () => {
  it('fills in defaults when nothing is set', () => {
    const env = parseLocalEnv({});
    expect(env).toMatchObject({
      SLIPWAY_SUBJECT_ROOT: 'slipway',
      SLIPWAY_HTTP_PORT_BASE: 8080,
      HTTP_HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      SLIPWAY_READY_TIMEOUT_SECONDS: 120,
      SLIPWAY_SERVICE_ENTRY: 'services/{name}/src/main.ts',
    });
    expect(env.NATS_URL).toBeUndefined();
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('treats an empty variable as unset', () => {
    expect(parseLocalEnv({ NATS_URL: '', DATABASE_URL: ' ' }).NATS_URL).toBeUndefined();
  });

  it('accepts external servers and numbers given as text', () => {
    const env = parseLocalEnv({
      NATS_URL: 'nats://a:4222,nats://b:4222',
      DATABASE_URL: 'postgresql://u:p@db:5432/slipway',
      CLICKHOUSE_URL: 'http://clickhouse:8123',
      SLIPWAY_HTTP_PORT_BASE: '9000',
      SLIPWAY_SERVICES: 'gateway, tracking',
    });
    expect(env.SLIPWAY_HTTP_PORT_BASE).toBe(9000);
    expect(env.SLIPWAY_SERVICES).toBe('gateway, tracking');
  });

  it('names the variable of a bad URL', () => {
    const error = failure({ DATABASE_URL: 'mysql://x' });
    expect(error.variables).toEqual(['DATABASE_URL']);
    expect(error.message).toContain('DATABASE_URL');
    expect(error.message).toContain('postgres://');
  });

  it('names every bad variable at once', () => {
    const error = failure({
      SLIPWAY_HTTP_PORT_BASE: 'eighty',
      LOG_LEVEL: 'loud',
      SLIPWAY_SERVICES: 'gateway,billing',
    });
    expect(error.variables.sort()).toEqual(['LOG_LEVEL', 'SLIPWAY_HTTP_PORT_BASE', 'SLIPWAY_SERVICES']);
  });

  it('refuses a port base that leaves no room for six services', () => {
    expect(failure({ SLIPWAY_HTTP_PORT_BASE: '65535' }).variables).toEqual(['SLIPWAY_HTTP_PORT_BASE']);
  });
});
