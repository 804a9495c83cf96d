import { plain } from '../logs/paint';
import { buildSummary } from './summary';

describe('buildSummary - the ready table', () => {
  const lines = buildSummary(
    {
      elapsedMs: 12_345,
      services: [
        { name: 'gateway', baseUrl: 'http://127.0.0.1:8080', readyUrl: 'http://127.0.0.1:8080/health/ready' },
        {
          name: 'tracking',
          baseUrl: 'http://127.0.0.1:8081',
          readyUrl: 'http://127.0.0.1:8081/health/ready',
        },
      ],
      nats: { displayUrl: 'nats://127.0.0.1:4223', description: 'started here' },
      postgres: { displayUrl: 'postgres://postgres@127.0.0.1:5433/slipway', description: 'embedded' },
      clickhouse: 'embedded chDB',
      logsDir: '/home/logs',
    },
    plain,
  ).join('\n');

  it('lists the gateway API, every health URL and the infrastructure', () => {
    expect(lines).toMatch(/Gateway API\s+http:\/\/127\.0\.0\.1:8080\/api\/v1 {2}\(Swagger UI at \/docs\)\n/);
    expect(lines).toMatch(/tracking health\s+http:\/\/127\.0\.0\.1:8081\/health\/ready/);
    expect(lines).toMatch(/NATS\s+nats:\/\/127\.0\.0\.1:4223 {2}\(started here\)/);
    expect(lines).toMatch(/Postgres\s+postgres:\/\/postgres@127\.0\.0\.1:5433\/slipway/);
    expect(lines).toMatch(/ClickHouse\s+embedded chDB/);
  });

  it('shows the admin token created by this start, else only where it is kept', () => {
    const base = {
      elapsedMs: 1,
      services: [],
      nats: { displayUrl: 'n', description: '' },
      postgres: { displayUrl: 'p', description: '' },
      clickhouse: 'c',
      logsDir: 'l',
    };
    const first = buildSummary(
      { ...base, adminToken: { secret: 'slw_abc', file: '/h/admin-token' } },
      plain,
    ).join('\n');
    expect(first).toMatch(/Admin token\s+slw_abc {2}\(first start: shown once, kept in \/h\/admin-token\)/);
    const later = buildSummary({ ...base, adminToken: { file: '/h/admin-token' } }, plain).join('\n');
    expect(later).toMatch(/Admin token\s+in \/h\/admin-token/);
    expect(later).not.toContain('slw_');
  });

  it('ends with the ready line and the time it took', () => {
    expect(lines).toContain('Slipway is ready in 12.3 s');
  });
});
