import { join, resolve } from 'node:path';

/** Where `npm start` keeps everything; the same folders on every run, so data survives. */
export interface DataHome {
  root: string;
  natsDir: string;
  postgresDir: string;
  postgresPasswordFile: string;
  clickhouseDir: string;
  logsDir: string;
  /** Written while running: pids, ports and URLs of what this run started. */
  runFile: string;
  /** The gateway's admin API token, written on the first start (mode 0600). */
  adminTokenFile: string;
}

/** `SLIPWAY_HOME` when set (relative to the repo), else `<repo>/.slipway`. */
export function resolveDataHome(repoRoot: string, slipwayHome: string | undefined): DataHome {
  const root = resolve(repoRoot, slipwayHome ?? '.slipway');
  const data = join(root, 'data');
  return {
    root,
    natsDir: join(data, 'nats'),
    postgresDir: join(data, 'pg'),
    postgresPasswordFile: join(data, 'pg-password'),
    clickhouseDir: join(data, 'clickhouse'),
    logsDir: join(root, 'logs'),
    runFile: join(root, 'run.json'),
    adminTokenFile: join(root, 'admin-token'),
  };
}

/** The embedded chDB folder of one service: chDB binds one data directory per process. */
export function clickhouseDataPath(home: DataHome, service: string): string {
  return join(home.clickhouseDir, service);
}
