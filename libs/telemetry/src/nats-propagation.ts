import {
  context,
  propagation,
  type Context,
  type TextMapGetter,
  type TextMapSetter,
} from '@opentelemetry/api';

/** Anything headers can be written to, such as nats.js `MsgHdrs`. */
export interface HeaderWriter {
  set(key: string, value: string): void;
}

/** Anything headers can be read from, such as nats.js `MsgHdrs` (which answers `''` when absent). */
export interface HeaderReader {
  get(key: string): string | null | undefined;
  keys?(): string[];
}

const setter: TextMapSetter<HeaderWriter> = { set: (carrier, key, value) => carrier.set(key, value) };

const getter: TextMapGetter<HeaderReader> = {
  get: (carrier, key) => carrier.get(key) || undefined,
  keys: (carrier) => carrier.keys?.() ?? [],
};

/**
 * Writes the trace context of `ctx` (default: the active one) into message headers
 * (`traceparent`, `tracestate`, `baggage`) with the registered propagator. Returns `headers`.
 */
export function injectTraceHeaders<H extends HeaderWriter>(headers: H, ctx: Context = context.active()): H {
  propagation.inject(ctx, headers, setter);
  return headers;
}

/**
 * The context of the trace a message belongs to, read from its headers; run the handler in it
 * (`context.with(ctx, fn)` or `withSpan(..., { parent: ctx })`). Without headers, `base`.
 */
export function extractTraceContext(
  headers: HeaderReader | undefined,
  base: Context = context.active(),
): Context {
  return headers ? propagation.extract(base, headers, getter) : base;
}
