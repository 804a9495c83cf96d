import type {
  ArtifactFileView,
  DatasetInput,
  ExperimentView,
  ModelVersionDetail,
  ModelView,
  RunInfoView,
  RunView,
  SeriesPoint,
} from '@slipway/contracts';
import { mlflowArtifactUriOf } from './mlflow-artifact-uri';
import type {
  DatasetInputJson,
  ExperimentJson,
  FileInfoJson,
  MetricJson,
  ModelVersionJson,
  RegisteredModelJson,
  RunInfoJson,
  RunJson,
} from './mlflow-json';

type Double = MetricJson['value'];
type FileView = ArtifactFileView;

/** A double as protobuf's JSON mapping writes it: NaN and ±Infinity as strings. */
export function doubleOf(value: number): Double {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  return value;
}

/** Milliseconds of an ISO timestamp, or nothing (MLflow leaves unset fields out). */
function millisOf(iso: string | null): number | undefined {
  return iso === null ? undefined : Date.parse(iso);
}

/** `{...}` without the keys whose value is `null` or `undefined`. */
function present<T extends Record<string, unknown>>(o: T): { [K in keyof T]: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as never;
}

const pairs = (tags: Record<string, string>) => Object.entries(tags).map(([key, value]) => ({ key, value }));

export function experimentJsonOf(e: ExperimentView): ExperimentJson {
  return {
    experiment_id: e.experimentId,
    name: e.name,
    artifact_location: mlflowArtifactUriOf(e.artifactLocation),
    lifecycle_stage: e.lifecycleStage,
    last_update_time: e.lastUpdateTime,
    creation_time: e.creationTime,
    tags: e.tags.map(({ key, value }) => ({ key, value })),
  };
}

export function runInfoJsonOf(i: RunInfoView): RunInfoJson {
  return present({
    run_id: i.runId,
    run_uuid: i.runId,
    run_name: i.runName,
    experiment_id: i.experimentId,
    user_id: i.userId,
    status: i.status,
    start_time: i.startTime,
    end_time: i.endTime,
    artifact_uri: mlflowArtifactUriOf(i.artifactUri),
    lifecycle_stage: i.lifecycleStage,
  });
}

/** A run as MLflow's `Run`: its metrics are the latest point of each (MLflow's `latest_metrics`). */
export function runJsonOf(r: RunView): RunJson {
  return {
    info: runInfoJsonOf(r.info),
    data: {
      metrics: r.metrics.map((m) => ({
        key: m.key,
        value: doubleOf(m.latest),
        timestamp: m.timestamp,
        step: m.step,
      })),
      params: r.params.map(({ key, value }) => ({ key, value })),
      tags: r.tags.map(({ key, value }) => ({ key, value })),
    },
    inputs: r.inputs && r.inputs.length > 0 ? { dataset_inputs: r.inputs.map(datasetInputJsonOf) } : {},
  };
}

export function datasetInputJsonOf({ dataset, tags }: DatasetInput): DatasetInputJson {
  return {
    tags: tags.map(({ key, value }) => ({ key, value })),
    dataset: present({
      name: dataset.name,
      digest: dataset.digest,
      source_type: dataset.sourceType,
      source: dataset.source,
      schema: dataset.schema,
      profile: dataset.profile,
    }),
  };
}

export function metricJsonOf(key: string, p: SeriesPoint): MetricJson {
  return { key, value: doubleOf(p.value), timestamp: p.timestamp, step: p.step };
}

export function modelVersionJsonOf(v: ModelVersionDetail): ModelVersionJson {
  return present({
    name: v.model,
    version: String(v.version),
    creation_timestamp: millisOf(v.createdAt),
    last_updated_timestamp: millisOf(v.updatedAt),
    user_id: v.createdBy?.id,
    current_stage: v.stage,
    description: v.description,
    source: v.source,
    run_id: v.runId,
    status: 'READY' as const,
    tags: pairs(v.tags),
    aliases: v.aliases,
  });
}

/** What a registered model shows; `latestVersions` are the newest version per stage. */
export interface RegisteredModelParts {
  name: string;
  description: string | null;
  tags: Record<string, string>;
  aliases: Record<string, number>;
  createdAt: string | null;
  updatedAt: string | null;
  latestVersions: readonly ModelVersionDetail[];
}

export function registeredModelJsonOf(m: RegisteredModelParts): RegisteredModelJson {
  return present({
    name: m.name,
    creation_timestamp: millisOf(m.createdAt),
    last_updated_timestamp: millisOf(m.updatedAt),
    description: m.description,
    latest_versions: m.latestVersions.map(modelVersionJsonOf),
    tags: pairs(m.tags),
    aliases: Object.entries(m.aliases).map(([alias, version]) => ({ alias, version: String(version) })),
  });
}

/** A model view (from a command's reply or `model.get`) with the latest version per stage fetched beside it. */
export function registeredModelOfView(
  m: ModelView,
  latestVersions: readonly ModelVersionDetail[],
): RegisteredModelJson {
  return registeredModelJsonOf({ ...m, latestVersions });
}

/**
 * A listed file or folder as MLflow's `FileInfo`. `name` is the path MLflow shows: the full path
 * in the run for `artifacts/list`, the basename for the proxy's listing.
 */
export function fileInfoJsonOf(f: FileView, name: (path: string) => string = (p) => p): FileInfoJson {
  return f.isDir || f.size === undefined
    ? { path: name(f.path), is_dir: f.isDir }
    : { path: name(f.path), is_dir: false, file_size: f.size };
}
