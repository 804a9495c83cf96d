import type { Paint } from '../logs/paint';

export interface SummaryInput {
  elapsedMs: number;
  services: { name: string; baseUrl: string; readyUrl: string }[];
  nats: { displayUrl: string; description: string };
  postgres: { displayUrl: string; description: string };
  clickhouse: string;
  logsDir: string;
  /** The admin token: its secret when this start created it, else only where it is kept. */
  adminToken?: { secret?: string; file: string };
}

/** The table printed once every service is ready. */
export function buildSummary(input: SummaryInput, paint: Paint): string[] {
  const gateway = input.services.find((s) => s.name === 'gateway');
  const rows: [string, string, string?][] = [];
  if (gateway) {
    rows.push(['Gateway API', `${gateway.baseUrl}/api/v1`, 'Swagger UI at /docs']);
    rows.push(['MLflow API', gateway.baseUrl, 'MLFLOW_TRACKING_URI']);
  }
  if (input.adminToken?.secret)
    rows.push([
      'Admin token',
      input.adminToken.secret,
      `first start: shown once, kept in ${input.adminToken.file}`,
    ]);
  else if (input.adminToken) rows.push(['Admin token', `in ${input.adminToken.file}`]);
  for (const s of input.services) rows.push([`${s.name} health`, s.readyUrl]);
  rows.push(['NATS', input.nats.displayUrl, input.nats.description]);
  rows.push(['Postgres', input.postgres.displayUrl, input.postgres.description]);
  rows.push(['ClickHouse', input.clickhouse]);
  rows.push(['Logs', input.logsDir, 'nats.log, postgres.log']);
  const width = Math.max(...rows.map(([label]) => label.length));
  const rule = paint('gray', '─'.repeat(72));
  return [
    '',
    rule,
    ...rows.map(
      ([label, value, note]) =>
        `  ${paint('bold', label.padEnd(width))}  ${value}${note ? paint('gray', `  (${note})`) : ''}`,
    ),
    rule,
    paint(['bold', 'green'], `Slipway is ready`) +
      ` in ${(input.elapsedMs / 1000).toFixed(1)} s. Press Ctrl-C to stop.`,
    '',
  ];
}
