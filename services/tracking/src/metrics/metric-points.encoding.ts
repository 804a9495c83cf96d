import { ValidationError, type ValidationIssue } from '@slipway/contracts';

/** One metric point as the writer takes it: the parsed form of contracts' `MetricPoint`. */
export interface MetricPointInput {
  key: string;
  /** Any number: NaN and ±Infinity are stored as such. */
  value: number;
  /** Milliseconds since the Unix epoch. */
  timestamp: number;
  step: number;
}

/** The `metric_points` columns an encoded row fills, in order. */
export const METRIC_ROW_COLUMNS = ['run_id', 'key', 'step', 'timestamp', 'value', 'event_id', 'ordinal'];

/** The latest instant `DateTime64(3)` is documented to hold (2299-12-31T23:59:59.999Z). */
export const MAX_METRIC_TIMESTAMP = Date.UTC(2299, 11, 31, 23, 59, 59, 999);

/** `ordinal` is a UInt16: the position of a point in its event. */
export const MAX_POINTS_PER_EVENT = 65_535;

const MAX_ISSUES = 10;

function jsonFloat(value: number): string {
  if (Number.isFinite(value)) return String(value);
  if (Number.isNaN(value)) return '"nan"';
  return value > 0 ? '"inf"' : '"-inf"';
}

function check(points: readonly MetricPointInput[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (points.length > MAX_POINTS_PER_EVENT) {
    issues.push({ path: 'metrics', message: `at most ${MAX_POINTS_PER_EVENT} points per event` });
  }
  for (let i = 0; i < points.length && issues.length < MAX_ISSUES; i++) {
    const { key, value, timestamp, step } = points[i];
    if (typeof key !== 'string' || key === '') issues.push({ path: `metrics[${i}].key`, message: 'empty' });
    if (typeof value !== 'number') issues.push({ path: `metrics[${i}].value`, message: 'not a number' });
    if (!Number.isSafeInteger(step))
      issues.push({ path: `metrics[${i}].step`, message: 'not a safe integer' });
    if (!Number.isInteger(timestamp) || timestamp < 0 || timestamp > MAX_METRIC_TIMESTAMP) {
      issues.push({
        path: `metrics[${i}].timestamp`,
        message: `must be integer milliseconds from 0 to ${MAX_METRIC_TIMESTAMP} (year 2299)`,
      });
    }
  }
  return issues;
}

/**
 * The `JSONCompactEachRow` lines of one event's points, in {@link METRIC_ROW_COLUMNS} order.
 * Encoding happens when an event arrives, so a flush only joins strings. Timestamps go as
 * integer milliseconds (JSON numbers are DateTime64 ticks; text forms would be parsed as dates:
 * `1234` is refused), non-finite values as `"nan"`/`"inf"`/`"-inf"`.
 *
 * @throws ValidationError when a point cannot be stored faithfully; nothing is encoded then.
 */
export function encodeMetricRows(
  eventId: string,
  runId: string,
  points: readonly MetricPointInput[],
): string {
  const issues = check(points);
  if (issues.length > 0) throw new ValidationError('metric points', issues);
  const tail = `,${JSON.stringify(eventId)},`;
  const heads = new Map<string, string>();
  const run = JSON.stringify(runId);
  let rows = '';
  for (let i = 0; i < points.length; i++) {
    const point = points[i];
    let head = heads.get(point.key);
    if (head === undefined) {
      head = `[${run},${JSON.stringify(point.key)},`;
      heads.set(point.key, head);
    }
    rows += `${head}${point.step},${point.timestamp},${jsonFloat(point.value)}${tail}${i}]\n`;
  }
  return rows;
}
