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
    expect(lines).toMatch(/Gateway API\s+http:\/\/127\.0\.0\.1:8080\n/);
    expect(lines).toMatch(/tracking health\s+http:\/\/127\.0\.0\.1:8081\/health\/ready/);
    expect(lines).toMatch(/NATS\s+nats:\/\/127\.0\.0\.1:4223 {2}\(started here\)/);
    expect(lines).toMatch(/Postgres\s+postgres:\/\/postgres@127\.0\.0\.1:5433\/slipway/);
    expect(lines).toMatch(/ClickHouse\s+embedded chDB/);
  });

  it('ends with the ready line and the time it took', () => {
    expect(lines).toContain('Slipway is ready in 12.3 s');
  });
});
