import { DEFAULT_SUBJECT_ROOT } from '@slipway/contracts';
import {
  JetStreamApiCodes,
  JetStreamApiError,
  type JetStreamManager,
  type StreamConfig,
} from '@nats-io/jetstream';
import {
  IMMUTABLE_STREAM_FIELDS,
  type StreamConfigOptions,
  streamConfigDiff,
  streamConfigsOf,
} from './stream-config';

/** What {@link ensureStreams} did to one stream. */
export interface EnsuredStream {
  name: string;
  action: 'created' | 'updated' | 'unchanged';
  /** The fields that were updated. */
  changed: string[];
}

/** The server's "stream name already in use" code: another replica created the stream first. */
const STREAM_NAME_IN_USE = 10058;

/**
 * Creates or updates the four Slipway streams of `root`, idempotently: an existing stream is
 * updated only when a field Slipway sets differs. Safe to call from every replica at start.
 * Features of nats-server 2.10+ are used only there: the version is `opts.serverVersion`, else
 * read from the manager's connection.
 */
export async function ensureStreams(
  jsm: JetStreamManager,
  root: string = DEFAULT_SUBJECT_ROOT,
  opts: StreamConfigOptions = {},
): Promise<EnsuredStream[]> {
  const serverVersion = opts.serverVersion ?? serverVersionOfManager(jsm);
  const results: EnsuredStream[] = [];
  for (const desired of streamConfigsOf(root, { ...opts, ...(serverVersion ? { serverVersion } : {}) }))
    results.push(await ensureStream(jsm, desired));
  return results;
}

/** Creates or updates one stream (see {@link ensureStreams}). */
export async function ensureStream(jsm: JetStreamManager, desired: StreamConfig): Promise<EnsuredStream> {
  const existing = await streamConfigOrNull(jsm, desired.name);
  if (!existing) {
    try {
      await jsm.streams.add(desired);
      return { name: desired.name, action: 'created', changed: [] };
    } catch (err) {
      if (!(err instanceof JetStreamApiError && err.code === STREAM_NAME_IN_USE)) throw err;
      return ensureStream(jsm, desired);
    }
  }
  const changed = streamConfigDiff(desired, existing);
  if (changed.length === 0) return { name: desired.name, action: 'unchanged', changed };
  if (changed.includes('subjects')) {
    throw new Error(
      `stream ${desired.name} exists with subjects ${JSON.stringify(existing.subjects)} instead of ` +
        `${JSON.stringify(desired.subjects)}: two subject roots map to the same stream name, or the stream was made by hand`,
    );
  }
  const immutable = changed.filter((f) => (IMMUTABLE_STREAM_FIELDS as readonly string[]).includes(f));
  if (immutable.length) {
    throw new Error(
      `stream ${desired.name}: ${immutable.join(', ')} cannot be changed in place ` +
        `(${immutable.map((f) => `${f}: ${String(existing[f as keyof StreamConfig])} -> ${String(desired[f as keyof StreamConfig])}`).join('; ')}); migrate it by hand`,
    );
  }
  const { name, ...update } = { ...existing, ...desired };
  await jsm.streams.update(name, update);
  return { name, action: 'updated', changed };
}

async function streamConfigOrNull(jsm: JetStreamManager, name: string): Promise<StreamConfig | null> {
  try {
    return (await jsm.streams.info(name)).config;
  } catch (err) {
    if (err instanceof JetStreamApiError && err.code === JetStreamApiCodes.StreamNotFound) return null;
    throw err;
  }
}

/** nats.js keeps the connection on the manager without typing it; without it no 2.10 feature is used. */
function serverVersionOfManager(jsm: JetStreamManager): string | undefined {
  const nc = (jsm as unknown as { nc?: { info?: { version?: unknown } } }).nc;
  return typeof nc?.info?.version === 'string' ? nc.info.version : undefined;
}
