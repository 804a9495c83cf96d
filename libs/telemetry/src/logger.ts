import { context, isSpanContextValid, trace } from '@opentelemetry/api';
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** Written as `service` on every line. */
  service: string;
  /** Lowest level written (`LOG_LEVEL`); default `info`. */
  level?: string;
  /** Where lines go; default stdout. */
  destination?: DestinationStream;
}

/** `trace_id`/`span_id` of the active span, so a log line can be found from its trace and back. */
function traceFields(): Record<string, string> {
  const spanContext = trace.getSpan(context.active())?.spanContext();
  if (!spanContext || !isSpanContextValid(spanContext)) return {};
  return { trace_id: spanContext.traceId, span_id: spanContext.spanId };
}

/**
 * A pino JSON logger: one object per line with `level` as a word, ISO `time`, `service`, and
 * the active span's `trace_id`/`span_id`. Authorization headers are redacted.
 */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: options.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: traceFields,
      redact: ['req.headers.authorization', 'headers.authorization', 'req.headers.cookie'],
    },
    options.destination,
  );
}
