import type { Paint, Style } from './paint';

const LEVEL_NAMES: Record<number, string> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};
const LEVEL_STYLES: Record<string, Style> = {
  trace: 'gray',
  debug: 'gray',
  info: 'green',
  warn: 'yellow',
  error: 'red',
  fatal: ['bold', 'red'],
};
/** Fields every pino line has, or that the prefix already says. */
const HIDDEN = new Set([
  'level',
  'time',
  'pid',
  'hostname',
  'msg',
  'message',
  'v',
  'context',
  'service',
  'name',
  'err',
  'error',
  'stack',
]);
const TRACE_FIELDS = new Set(['trace_id', 'span_id', 'trace_flags', 'traceId', 'spanId']);
const MAX_VALUE = 120;
const MAX_FIELDS = 8;

/**
 * One line of a service's stdout made readable: a pino JSON line becomes
 * `LEVEL [context] message key=value …` (plus the stack of an error, indented);
 * anything else is returned as it came. May return several lines.
 */
export function formatLogLine(raw: string, paint: Paint): string[] {
  const record = parseRecord(raw);
  if (!record) return [raw];
  const level = levelName(record.level);
  const severe = level === 'error' || level === 'fatal';
  const parts = [paint(LEVEL_STYLES[level] ?? 'white', level.toUpperCase().padEnd(5))];
  if (typeof record.context === 'string' && record.context) parts.push(paint('cyan', `[${record.context}]`));
  const message = record.msg ?? record.message;
  if (message !== undefined) parts.push(typeof message === 'string' ? message : compact(message));
  const error = describeError(record.err ?? record.error);
  if (error.summary) parts.push(paint('red', error.summary));
  const fields = Object.entries(record)
    .filter(
      ([key, value]) =>
        !HIDDEN.has(key) && value !== undefined && value !== null && (severe || !TRACE_FIELDS.has(key)),
    )
    .slice(0, MAX_FIELDS)
    .map(([key, value]) => `${paint('gray', `${key}=`)}${fieldValue(value)}`);
  const head = [...parts, ...fields].join(' ');
  const stack = severe
    ? (error.stack ?? (typeof record.stack === 'string' ? record.stack : undefined))
    : undefined;
  return stack ? [head, ...stackLines(stack).map((l) => paint('gray', `    ${l}`))] : [head];
}

function parseRecord(raw: string): Record<string, unknown> | undefined {
  if (!raw.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(raw);
    if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
    const record = value as Record<string, unknown>;
    return 'level' in record && ('msg' in record || 'message' in record || 'time' in record)
      ? record
      : undefined;
  } catch {
    return undefined;
  }
}

function levelName(level: unknown): string {
  if (typeof level === 'number') return LEVEL_NAMES[level] ?? `l${level}`;
  if (typeof level === 'string') return level.toLowerCase();
  return 'info';
}

function describeError(value: unknown): { summary?: string; stack?: string } {
  if (value === undefined || value === null) return {};
  if (typeof value === 'string') {
    const [first, ...rest] = value.split('\n');
    return { summary: first, stack: rest.length > 0 ? rest.join('\n') : undefined };
  }
  if (typeof value !== 'object') return { summary: `err=${fieldValue(value)}` };
  const err = value as { type?: unknown; name?: unknown; message?: unknown; code?: unknown; stack?: unknown };
  const type = typeof err.type === 'string' ? err.type : typeof err.name === 'string' ? err.name : 'Error';
  const code = typeof err.code === 'string' || typeof err.code === 'number' ? ` (${err.code})` : '';
  const message = typeof err.message === 'string' ? err.message : compact(value);
  return {
    summary: `${type}${code}: ${message}`,
    stack: typeof err.stack === 'string' ? err.stack : undefined,
  };
}

/** The frames of a stack; its first line repeats the message already shown. */
function stackLines(stack: string): string[] {
  const lines = stack.split('\n').map((l) => l.trim());
  const frames = lines.filter((l) => l.startsWith('at '));
  return (frames.length > 0 ? frames : lines).slice(0, 12);
}

function fieldValue(value: unknown): string {
  const text =
    typeof value === 'string'
      ? /[\s"=]/.test(value) || value === ''
        ? JSON.stringify(value)
        : value
      : compact(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

function compact(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
