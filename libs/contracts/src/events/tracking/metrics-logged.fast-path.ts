import type { z } from 'zod';
import { TRACKING_LIMITS } from '../shared';

/**
 * A hand-written acceptance check of `MetricsLogged` data, run before zod: ingest validates
 * every event twice (publisher and consumer) and zod took 36% of a publisher's CPU and 13% of
 * the service's for 100-point events. It only ever *accepts*: an input it does not recognise as
 * valid goes to zod, so errors (and anything unusual) are zod's. The zod schema stays the spec;
 * `metrics-logged.fast-path.spec.ts` checks on fuzzed inputs that whatever this accepts, zod
 * accepts with the same output.
 */

const RUN_ID = /^[A-Za-z0-9_-]{1,64}$/;
const KEY_CHARACTERS = /^[A-Za-z0-9_\-. /]+$/;
const NON_FINITE_WIRE = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity } as const;
/** Keys seen valid (keys repeat across events); bounded so odd traffic cannot grow it. */
const validKeys = new Set<string>();
const MAX_CACHED_KEYS = 10_000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isKey(key: unknown): key is string {
  if (typeof key !== 'string') return false;
  if (validKeys.has(key)) return true;
  const ok =
    key.length >= 1 &&
    key.length <= TRACKING_LIMITS.keyMaxLength &&
    KEY_CHARACTERS.test(key) &&
    key.split('/').every((s) => s !== '' && s !== '.' && s !== '..');
  if (ok && validKeys.size < MAX_CACHED_KEYS) validKeys.add(key);
  return ok;
}

/** The wire value (a finite number or `'NaN'`, `'Infinity'`, `'-Infinity'`) as a number; `undefined` if not one. */
function fromWire(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (value === 'NaN' || value === 'Infinity' || value === '-Infinity') return NON_FINITE_WIRE[value];
  return undefined;
}

/** A number (NaN and ±Infinity included) in its wire form. */
function toWire(value: unknown): number | string | undefined {
  if (typeof value !== 'number') return undefined;
  if (Number.isFinite(value)) return value;
  return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
}

/**
 * The output zod would give for `data` (decoding wire values to numbers, or with `encode`
 * numbers to wire values), or `undefined` when this check is not sure it is valid.
 */
export function acceptMetricsLogged(data: unknown, encode: boolean): unknown {
  if (!isRecord(data)) return undefined;
  const { runId, metrics } = data;
  if (typeof runId !== 'string' || !RUN_ID.test(runId)) return undefined;
  if (!Array.isArray(metrics) || metrics.length < 1 || metrics.length > TRACKING_LIMITS.metricsPerEvent) {
    return undefined;
  }
  const out = new Array<unknown>(metrics.length);
  for (let i = 0; i < metrics.length; i++) {
    const point: unknown = metrics[i];
    if (!isRecord(point)) return undefined;
    const { key, value, timestamp, step } = point;
    if (!isKey(key)) return undefined;
    const converted = encode ? toWire(value) : fromWire(value);
    if (converted === undefined) return undefined;
    if (!Number.isSafeInteger(timestamp) || (timestamp as number) < 0) return undefined;
    if (!Number.isSafeInteger(step)) return undefined;
    out[i] = { key, value: converted, timestamp, step };
  }
  return { runId, metrics: out };
}

/** Turned off by the spec to get zod's own answer for the same input. */
export const fastPath = { enabled: true };

interface ZodInternals {
  _zod: {
    run(payload: { value: unknown; issues: unknown[] }, ctx: { direction?: string }): unknown;
  };
}

/**
 * Makes `schema` try `accept` before its own checks, for parse/decode (`encode` false) and for
 * encode (`encode` true). Relies on zod 4's `_zod.run`, the entry point of every parse,
 * encode and nested parse of a schema (checked by the spec against the installed zod).
 */
export function withFastAccept<S extends z.ZodType>(
  schema: S,
  accept: (data: unknown, encode: boolean) => unknown,
): S {
  const internals = (schema as unknown as ZodInternals)._zod;
  const run = internals.run.bind(internals);
  internals.run = (payload, ctx) => {
    if (fastPath.enabled && payload.issues.length === 0) {
      const accepted = accept(payload.value, ctx?.direction === 'backward');
      if (accepted !== undefined) {
        payload.value = accepted;
        return payload;
      }
    }
    return run(payload, ctx);
  };
  return schema;
}
