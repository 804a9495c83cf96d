import { DEFAULT_SUBJECT_ROOT, type StreamKind, assertSubjectRoot, withRoot } from '@slipway/contracts';
import {
  DiscardPolicy,
  RetentionPolicy,
  StorageType,
  StoreCompression,
  type StreamConfig,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { SERVER_FEATURES, versionAtLeast } from './server-version';

/** The four streams of DESIGN.md "Messaging": the three event streams plus the dead-letter queue. */
export type SlipwayStreamKind = StreamKind | 'dlq';

/** The stream kinds in the order they are ensured. */
export const STREAM_KINDS: readonly SlipwayStreamKind[] = ['ingest', 'events', 'tasks', 'dlq'];

/** The first subject token after the root of each stream (`<root>.evt.>`). */
export const STREAM_SUBJECT_TOKEN: Readonly<Record<SlipwayStreamKind, string>> = {
  ingest: 'ingest',
  events: 'evt',
  tasks: 'task',
  dlq: 'dlq',
};

/** Deduplication window on `Nats-Msg-Id` (the CloudEvent id): a publish retried within it is dropped. */
export const DUPLICATE_WINDOW_MS = 2 * 60 * 1000;

const DAY_MS = 24 * 60 * 60 * 1000;

/** How long each stream keeps messages by default (0 = until limits or acks remove them). */
export const DEFAULT_MAX_AGE_MS: Readonly<Record<SlipwayStreamKind, number>> = {
  /** Run telemetry is moved into ClickHouse by tracking; a week covers any outage. */
  ingest: 7 * DAY_MS,
  events: 0,
  /** Work-queue retention removes a task when it is acked. */
  tasks: 0,
  dlq: 30 * DAY_MS,
};

/** Deployment settings of the streams (the rest is fixed by DESIGN.md). */
export interface StreamConfigOptions {
  /** Version of the connected nats-server (`nc.info.version`); features of 2.10+ are used only from 2.10. */
  serverVersion?: string;
  /** Replicas per stream (1 on one machine, 3 on a cluster). Default 1. */
  replicas?: number;
  /** Per-kind override of {@link DEFAULT_MAX_AGE_MS}. */
  maxAgeMs?: Partial<Record<SlipwayStreamKind, number>>;
}

/**
 * The stream name of a kind under a subject root: `SLIPWAY_EVENTS` for the root `slipway`,
 * `SLIPWAY_EVENTS_<ROOT>` otherwise (dots and other characters outside `[A-Z0-9_-]` become `_`),
 * so suites and tenants with their own root share one server.
 */
export function streamNameOf(kind: SlipwayStreamKind, root: string = DEFAULT_SUBJECT_ROOT): string {
  const base = `SLIPWAY_${kind.toUpperCase()}`;
  if (assertSubjectRoot(root) === DEFAULT_SUBJECT_ROOT) return base;
  return `${base}_${root.toUpperCase().replace(/[^A-Z0-9_-]/g, '_')}`;
}

/** The subject filter of a stream: `<root>.evt.>`. */
export function streamSubjectOf(kind: SlipwayStreamKind, root: string = DEFAULT_SUBJECT_ROOT): string {
  return withRoot(root, `${STREAM_SUBJECT_TOKEN[kind]}.>`);
}

const DESCRIPTIONS: Readonly<Record<SlipwayStreamKind, string>> = {
  ingest: 'Slipway run telemetry from clients',
  events: 'Slipway domain events of all services',
  tasks: 'Slipway work queue of pipeline tasks',
  dlq: 'Slipway messages that could not be handled, with the reason',
};

/** The desired configuration of one stream (pure: no server needed). */
export function streamConfigOf(
  kind: SlipwayStreamKind,
  root: string = DEFAULT_SUBJECT_ROOT,
  opts: StreamConfigOptions = {},
): StreamConfig {
  const maxAgeMs = opts.maxAgeMs?.[kind] ?? DEFAULT_MAX_AGE_MS[kind];
  const config: Partial<StreamConfig> & Pick<StreamConfig, 'name'> = {
    name: streamNameOf(kind, root),
    description: `${DESCRIPTIONS[kind]} (root ${root})`,
    subjects: [streamSubjectOf(kind, root)],
    retention: kind === 'tasks' ? RetentionPolicy.Workqueue : RetentionPolicy.Limits,
    storage: StorageType.File,
    discard: DiscardPolicy.Old,
    num_replicas: opts.replicas ?? 1,
    max_age: nanos(maxAgeMs),
    // The server refuses a duplicate window longer than the max age.
    duplicate_window: nanos(maxAgeMs > 0 ? Math.min(DUPLICATE_WINDOW_MS, maxAgeMs) : DUPLICATE_WINDOW_MS),
  };
  // Compression exists from 2.10; nats.js refuses to send it to an older server.
  if (versionAtLeast(opts.serverVersion, SERVER_FEATURES.v2_10)) config.compression = StoreCompression.S2;
  return config as StreamConfig;
}

/** The desired configuration of the four streams of a root. */
export function streamConfigsOf(
  root: string = DEFAULT_SUBJECT_ROOT,
  opts: StreamConfigOptions = {},
): StreamConfig[] {
  return STREAM_KINDS.map((kind) => streamConfigOf(kind, root, opts));
}

/** Fields a stream update cannot change: a difference there needs an operator, not a restart. */
export const IMMUTABLE_STREAM_FIELDS = ['retention', 'storage'] as const;

/**
 * The fields of `desired` whose value differs in `actual` (fields absent from `desired` are the
 * server's business and are ignored, so a newer server's extra defaults never cause an update).
 */
export function streamConfigDiff(desired: Partial<StreamConfig>, actual: Partial<StreamConfig>): string[] {
  return Object.entries(desired)
    .filter(([key, value]) => !sameValue(value, (actual as Record<string, unknown>)[key]))
    .map(([key]) => key);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((v, i) => sameValue(v, b[i]));
  // The server omits empty values (`description: ""`, `max_age: 0`) from the config it returns.
  if ((a === undefined || a === '' || a === 0) && (b === undefined || b === '' || b === 0)) return true;
  return a === b;
}
