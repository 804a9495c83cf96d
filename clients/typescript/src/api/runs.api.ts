import type { HttpClient } from '../http/http-client';
import {
  comparisonSchema,
  downsampledSchema,
  historyPageSchema,
  runPageSchema,
  runSchema,
  type Comparison,
  type Downsampled,
  type HistoryPage,
  type Run,
  type RunPage,
  type SeriesPoint,
} from '../schemas/tracking.schemas';
import { seg } from './path';

/** A search of runs with MLflow's filter grammar (`metrics.f1 > 0.9 AND params.model = 'svc'`). */
export interface SearchRunsRequest {
  experimentIds: string[];
  filter?: string;
  /** e.g. `['metrics.f1 DESC']`. */
  orderBy?: string[];
  runViewType?: 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL';
  maxResults?: number;
  pageToken?: string;
}

/** Which runs to compare (exactly one of `runIds`, `experimentId`, `parentRunId`) and how. */
export interface CompareRunsRequest {
  runIds?: string[];
  experimentId?: string;
  parentRunId?: string;
  /** Metrics to include; default every metric the runs have. */
  metricKeys?: string[];
  /** Sort rows by this metric's latest value; direction default DESC. */
  sortBy?: { metric: string; direction?: 'ASC' | 'DESC' };
  /** Keep only columns whose values differ between runs. */
  onlyDifferences?: boolean;
}

/** Queries of runs and metrics. */
export class RunsApi {
  constructor(private readonly http: HttpClient) {}

  /** One run with params, tags and metric summaries; a missing one is `TRACKING.RUN_NOT_FOUND` (404). */
  get(runId: string): Promise<Run> {
    return this.http.json({ method: 'GET', path: `/runs/${seg(runId)}`, idempotent: true }, runSchema);
  }

  /** One page of runs matching a search. */
  search(request: SearchRunsRequest): Promise<RunPage> {
    return this.http.json(
      { method: 'POST', path: '/runs/search', body: request, idempotent: true },
      runPageSchema,
    );
  }

  /** Runs side by side: params, tags and metric summaries (the slide's table sorted by f1). */
  compare(request: CompareRunsRequest): Promise<Comparison> {
    return this.http.json(
      { method: 'POST', path: '/runs/compare', body: request, idempotent: true },
      comparisonSchema,
    );
  }

  /** One page of a metric's history, by step then time. */
  historyPage(
    runId: string,
    key: string,
    options: { pageSize?: number; pageToken?: string } = {},
  ): Promise<HistoryPage> {
    return this.http.json(
      {
        method: 'GET',
        path: `/runs/${seg(runId)}/metrics/${seg(key)}/history`,
        query: options,
        idempotent: true,
      },
      historyPageSchema,
    );
  }

  /** A metric's whole history (every page), or its first `limit` points. */
  async history(runId: string, key: string, limit = Infinity): Promise<SeriesPoint[]> {
    const points: SeriesPoint[] = [];
    let pageToken: string | undefined;
    do {
      const pageSize = Math.min(10_000, limit - points.length);
      const page = await this.historyPage(runId, key, { pageSize, pageToken });
      points.push(...page.points);
      pageToken = page.nextPageToken;
    } while (pageToken !== undefined && points.length < limit);
    return points;
  }

  /** At most `maxPoints` per series of several runs and keys, extremes kept (for charts). */
  downsampled(request: { runIds: string[]; keys: string[]; maxPoints?: number }): Promise<Downsampled> {
    return this.http.json(
      { method: 'POST', path: '/metrics/downsampled', body: request, idempotent: true },
      downsampledSchema,
    );
  }
}
