import {
  ArtifactsApi,
  type ArtifactBody,
  type ArtifactDownload,
  type UploadOptions,
} from './api/artifacts.api';
import { EventsApi } from './api/events.api';
import { ExperimentsApi } from './api/experiments.api';
import { ModelsApi, type AsOf, type NewModelVersion, type PromotionRequested } from './api/models.api';
import { RunsApi, type CompareRunsRequest, type SearchRunsRequest } from './api/runs.api';
import { TokensApi } from './api/tokens.api';
import { SdkErrorCodes, SlipwayError } from './errors';
import { HttpClient, type RetryInfo } from './http/http-client';
import type { RetryPolicy } from './http/retry-policy';
import { randomHex } from './ids';
import { RunHandle, type ParamRecord } from './runs/run-handle';
import type { StoredArtifact } from './schemas/artifacts.schemas';
import type { AliasHolder, CommandReply, ModelHistory } from './schemas/registry.schemas';
import {
  runSchema,
  type Comparison,
  type Run,
  type RunPage,
  type SeriesPoint,
} from './schemas/tracking.schemas';

/** How to reach the gateway, and how to batch and retry. */
export interface SlipwayOptions {
  /** The gateway's base URL, e.g. `http://localhost:8080`. */
  url: string;
  /** An API token (`slw_…`), sent as `Authorization: Bearer`. */
  token?: string;
  /** Per-request timeout until the answer's head, in ms. Default 30,000. */
  timeoutMs?: number;
  /** Retries on 429/502/503/504 and network errors: default 5 retries, 200 ms doubling, at most 30 s. */
  retry?: Partial<RetryPolicy>;
  /** Called before each retry (for logging). */
  onRetry?: (info: RetryInfo) => void;
  /** Metric points per batch; a full buffer is flushed at once. Default (and at most) 1000. */
  batchSize?: number;
  /** Buffered points are flushed at the latest this many ms after the first. Default 1000. */
  flushIntervalMs?: number;
  /** A fetch implementation; default the global `fetch` (Node 20+, browsers). */
  fetch?: typeof fetch;
}

/** Where a new run goes and what it starts with. */
export interface StartRunOptions {
  /** The experiment's id; or give `experimentName` (created when missing); neither is the Default experiment. */
  experimentId?: string;
  experimentName?: string;
  runName?: string;
  tags?: Record<string, string>;
  params?: ParamRecord;
  /** Nest the run under a parent run. */
  parentRunId?: string;
}

/**
 * The Slipway client: `new Slipway({ url, token })`. Start runs with {@link startRun}; query
 * runs, metrics, models, tokens and artifacts through the flat helpers or the grouped
 * `experiments`, `runs`, `models`, `tokens`, `artifacts` and `events`. Works in Node 20+ and browsers.
 */
export class Slipway {
  /** Experiments: create, get, list. */
  readonly experiments: ExperimentsApi;
  /** Runs and metric queries. */
  readonly runs: RunsApi;
  /** The model registry. */
  readonly models: ModelsApi;
  /** API tokens and whoami. */
  readonly tokens: TokensApi;
  /** Run artifacts. */
  readonly artifacts: ArtifactsApi;
  /** Live events (Server-Sent Events): a run's metrics as they arrive, promotions, … */
  readonly events: EventsApi;
  private readonly http: HttpClient;

  constructor(private readonly options: SlipwayOptions) {
    if (!options.url) throw new SlipwayError(SdkErrorCodes.INVALID_ARGUMENT, 'url is required');
    this.http = new HttpClient(options);
    this.experiments = new ExperimentsApi(this.http);
    this.runs = new RunsApi(this.http);
    this.models = new ModelsApi(this.http);
    this.tokens = new TokensApi(this.http);
    this.artifacts = new ArtifactsApi(this.http);
    this.events = new EventsApi(this.http);
  }

  /** Creates a RUNNING run and returns its handle; `params` are logged before it returns. */
  async startRun(options: StartRunOptions = {}): Promise<RunHandle> {
    const experimentId =
      options.experimentId ??
      (options.experimentName !== undefined
        ? (await this.experiments.ensure(options.experimentName)).experimentId
        : undefined);
    const body = {
      // Chosen here so that a retried create is recognised by the server and not made twice.
      runId: randomHex(16),
      experimentId,
      runName: options.runName,
      parentRunId: options.parentRunId,
      tags: Object.entries(options.tags ?? {}).map(([key, value]) => ({ key, value })),
    };
    const run = await this.http.json({ method: 'POST', path: '/runs', body, idempotent: true }, runSchema);
    const handle = new RunHandle(this.http, run.info, {
      maxPoints: Math.min(this.options.batchSize ?? 1000, 1000),
      flushIntervalMs: this.options.flushIntervalMs ?? 1000,
    });
    if (options.params && Object.keys(options.params).length > 0) await handle.logParams(options.params);
    return handle;
  }

  /** One run with params, tags and metric summaries. */
  getRun(runId: string): Promise<Run> {
    return this.runs.get(runId);
  }

  /** One page of runs matching MLflow's filter grammar. */
  searchRuns(request: SearchRunsRequest): Promise<RunPage> {
    return this.runs.search(request);
  }

  /** Runs side by side (params, tags, metric summaries), optionally sorted by a metric. */
  compareRuns(request: CompareRunsRequest): Promise<Comparison> {
    return this.runs.compare(request);
  }

  /** Every point of a metric of a run (or the first `limit`). */
  metricHistory(runId: string, key: string, limit?: number): Promise<SeriesPoint[]> {
    return this.runs.history(runId, key, limit);
  }

  /** Registers a model name. */
  registerModel(
    name: string,
    options?: { description?: string; tags?: Record<string, string> },
  ): Promise<CommandReply> {
    return this.models.register(name, options);
  }

  /** Creates the next version of a model. */
  createModelVersion(name: string, version: NewModelVersion): Promise<CommandReply> {
    return this.models.createVersion(name, version);
  }

  /** Asks to point an alias at a version (gates evaluated; approval where the policy wants it). */
  requestPromotion(
    name: string,
    request: { version: number; alias: string; reason?: string; baselineRunId?: string },
  ): Promise<PromotionRequested> {
    return this.models.requestPromotion(name, request);
  }

  /** Approves an open promotion request. */
  approve(
    name: string,
    requestId: string,
    options?: { comment?: string; overrideReason?: string },
  ): Promise<CommandReply> {
    return this.models.approve(name, requestId, options);
  }

  /** Rejects an open promotion request. */
  reject(name: string, requestId: string, reason: string): Promise<CommandReply> {
    return this.models.reject(name, requestId, reason);
  }

  /** Which version holds an alias (now, or as of a position or time). */
  getAlias(name: string, alias: string, asOf?: AsOf): Promise<AliasHolder> {
    return this.models.getAlias(name, alias, asOf);
  }

  /** A model's audit trail. */
  history(name: string, options?: { alias?: string; asOf?: AsOf }): Promise<ModelHistory> {
    return this.models.history(name, options);
  }

  /** Uploads one artifact file of a run, streamed. */
  uploadArtifact(
    runId: string,
    path: string,
    body: ArtifactBody,
    options?: UploadOptions,
  ): Promise<StoredArtifact> {
    return this.artifacts.upload(runId, path, body, options);
  }

  /** Downloads one artifact file of a run as a stream. */
  downloadArtifact(runId: string, path: string): Promise<ArtifactDownload> {
    return this.artifacts.download(runId, path);
  }
}
