/**
 * `@slipway/sdk`: the TypeScript client of Slipway's REST API (Node 20+ and browsers).
 * The NATS helper `subscribeModelPromoted` is in `@slipway/sdk/nats` (Node only).
 */
export { Slipway, type SlipwayOptions, type StartRunOptions } from './slipway';
export { RunHandle, type ParamRecord } from './runs/run-handle';
export {
  SlipwayError,
  SlipwayApiError,
  SlipwayNetworkError,
  SlipwayResponseError,
  SdkErrorCodes,
} from './errors';
export type { RetryPolicy } from './http/retry-policy';
export type { RetryInfo } from './http/http-client';
export type { ExperimentsApi } from './api/experiments.api';
export type { RunsApi, SearchRunsRequest, CompareRunsRequest } from './api/runs.api';
export type { ModelsApi, AsOf, NewModelVersion, PromotionRequested } from './api/models.api';
export type { TokensApi } from './api/tokens.api';
export type { EventsApi, LiveEvent, LiveSubscription, SubscribeOptions } from './api/events.api';
export type { ArtifactsApi, ArtifactBody, ArtifactDownload, UploadOptions } from './api/artifacts.api';
export type {
  RunStatus,
  RunInfo,
  Run,
  RunPage,
  MetricSummary,
  Experiment,
  Comparison,
  ComparisonRow,
  SeriesPoint,
  HistoryPage,
  Downsampled,
  LogBatchResult,
  DatasetInput,
} from './schemas/tracking.schemas';
export type {
  Model,
  ModelSummary,
  ModelPage,
  ModelVersion,
  PromotionRequest,
  GateResult,
  CommandReply,
  AliasHolder,
  HistoryEntry,
  ModelHistory,
} from './schemas/registry.schemas';
export type { Token, CreatedToken, TokenScope, Whoami } from './schemas/tokens.schemas';
export type { StoredArtifact, ArtifactEntry, ArtifactList } from './schemas/artifacts.schemas';
