import {
  type Context,
  ROOT_CONTEXT,
  type TextMapGetter,
  type TextMapSetter,
  isSpanContextValid,
  propagation,
  trace,
} from '@opentelemetry/api';
import { Match, type MsgHdrs } from '@nats-io/transport-node';

/** Writes propagation fields (`traceparent`, `tracestate`, baggage) into NATS headers. */
export const natsHeaderSetter: TextMapSetter<MsgHdrs> = {
  set: (carrier, key, value) => carrier.set(key, value),
};

/** Reads propagation fields from NATS headers, whatever the case the producer used. */
export const natsHeaderGetter: TextMapGetter<MsgHdrs | undefined> = {
  keys: (carrier) => (carrier ? carrier.keys() : []),
  get: (carrier, key) =>
    carrier?.has(key, Match.IgnoreCase) ? carrier.get(key, Match.IgnoreCase) : undefined,
};

/** Injects the trace context of `ctx` into `headers` with the globally registered propagator. */
export function injectTraceContext(headers: MsgHdrs, ctx: Context): MsgHdrs {
  propagation.inject(ctx, headers, natsHeaderSetter);
  return headers;
}

/**
 * The trace context a message was sent in: from its NATS headers, else from the CloudEvents
 * `traceparent` extension (producers that cannot set headers can still join the trace).
 */
export function extractTraceContext(
  headers: MsgHdrs | undefined,
  fallback?: { traceparent?: string; tracestate?: string },
): Context {
  const fromHeaders = propagation.extract(ROOT_CONTEXT, headers, natsHeaderGetter);
  if (trace.getSpanContext(fromHeaders) || !fallback?.traceparent) return fromHeaders;
  const carrier: Record<string, string> = { traceparent: fallback.traceparent };
  if (fallback.tracestate) carrier['tracestate'] = fallback.tracestate;
  return propagation.extract(ROOT_CONTEXT, carrier);
}

/** The W3C `traceparent` of the span active in `ctx`, or undefined when there is none. */
export function traceparentOf(ctx: Context): string | undefined {
  const sc = trace.getSpanContext(ctx);
  if (!sc || !isSpanContextValid(sc)) return undefined;
  return `00-${sc.traceId}-${sc.spanId}-${(sc.traceFlags & 0xff).toString(16).padStart(2, '0')}`;
}
