import { mkdirSync } from 'node:fs';
import { clickhouseDataPath, type DataHome } from '../config/data-home';
import { LocalStartError } from '../local-start.error';

/** How the services that use ClickHouse reach it. */
export type ClickHouseMode =
  { kind: 'server'; url: string } | { kind: 'embedded'; dataPath: (service: string) => string; root: string };

/** `CLICKHOUSE_URL` when set (pinged), else embedded chDB with one data folder per service. */
export async function provideClickHouse(
  url: string | undefined,
  home: DataHome,
  services: string[],
): Promise<ClickHouseMode> {
  if (url) {
    await pingClickHouse(url);
    return { kind: 'server', url };
  }
  for (const service of services) mkdirSync(clickhouseDataPath(home, service), { recursive: true });
  return {
    kind: 'embedded',
    dataPath: (service) => clickhouseDataPath(home, service),
    root: home.clickhouseDir,
  };
}

/** Whether the optional `chdb` package can be loaded (embedded mode needs it). */
export function chdbInstalled(): boolean {
  try {
    require.resolve('chdb');
    return true;
  } catch {
    return false;
  }
}

async function pingClickHouse(url: string): Promise<void> {
  const ping = new URL('ping', url.endsWith('/') ? url : `${url}/`);
  try {
    const response = await fetch(ping, { signal: AbortSignal.timeout(5000) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
  } catch (error) {
    throw new LocalStartError(
      'LOCAL.CLICKHOUSE_UNREACHABLE',
      `CLICKHOUSE_URL=${ping.origin}: ${(error as Error).message}`,
      ['Check the server runs, or unset CLICKHOUSE_URL to use embedded chDB.'],
    );
  }
}
