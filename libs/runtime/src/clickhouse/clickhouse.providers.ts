import type { FactoryProvider } from '@nestjs/common';
import {
  checkClickHouse,
  createClickHouse,
  runClickHouseMigrations,
  type ClickHouseHandle,
} from '@slipway/persistence';
import type { DependencyCheck } from '../health/dependency-check';
import type { ClickHouseOptions } from '../service-kit.options';
import { CLICKHOUSE } from '../service-kit.tokens';

/** Connects to ClickHouse (a server with a URL, else embedded chDB) and applies the service's migrations. */
export function clickhouseProvider(options: ClickHouseOptions): FactoryProvider<ClickHouseHandle> {
  return {
    provide: CLICKHOUSE,
    useFactory: async () => {
      const handle = await createClickHouse({
        url: options.url,
        dataPath: options.dataPath,
        database: options.database,
      });
      await runClickHouseMigrations(handle.client, options.database, options.migrations);
      return handle;
    },
  };
}

export function clickhouseCheck(handle: ClickHouseHandle): DependencyCheck {
  return { name: 'clickhouse', check: () => checkClickHouse(handle.client) };
}
