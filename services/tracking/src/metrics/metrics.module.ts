import { Module } from '@nestjs/common';
import type { ClickHouseHandle } from '@slipway/persistence';
import { CLICKHOUSE, SERVICE_KIT_OPTIONS, type ServiceKitOptions } from '@slipway/runtime';
import { EMBEDDED_MAX_IDS_PER_QUERY, SERVER_MAX_IDS_PER_QUERY } from './id-chunks';
import { MetricQueries } from './metric-queries';
import { ClickHouseMetricPointsStore } from './metric-points.store';
import { MetricPointsWriter } from './metric-points.writer';
import { writerOptionsOf } from './metrics-writer.env';

function maxIdsPerQuery(handle: ClickHouseHandle): number {
  return handle.mode === 'server' ? SERVER_MAX_IDS_PER_QUERY : EMBEDDED_MAX_IDS_PER_QUERY;
}

const metricsProviders = [
  {
    provide: MetricPointsWriter,
    inject: [CLICKHOUSE, SERVICE_KIT_OPTIONS],
    useFactory: (handle: ClickHouseHandle, kit: ServiceKitOptions) =>
      new MetricPointsWriter(
        new ClickHouseMetricPointsStore(handle, maxIdsPerQuery(handle)),
        writerOptionsOf(kit.config),
      ),
  },
  {
    provide: MetricQueries,
    inject: [CLICKHOUSE],
    useFactory: (handle: ClickHouseHandle) => new MetricQueries(handle.client, maxIdsPerQuery(handle)),
  },
];

/** The metrics store in ClickHouse: the batch writer (ingest) and the queries (compare, search, charts). */
@Module({ providers: metricsProviders, exports: [MetricPointsWriter, MetricQueries] })
export class MetricsModule {}
