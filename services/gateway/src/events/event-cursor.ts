import { ValidationError } from '@slipway/contracts';

/**
 * Where a live-event stream is: per JetStream stream, the sequence of the last message the client
 * was sent (or that the stream had when it subscribed). It is the SSE `id` of every event, so a
 * client that reconnects with `Last-Event-ID` (browsers' EventSource do it by themselves) gets
 * what it missed, from each stream's next sequence.
 */
export type EventCursor = ReadonlyMap<string, number>;

/** Stream names as Slipway makes them (`SLIPWAY_EVENTS`, `SLIPWAY_INGEST_<ROOT>`). */
const STREAM_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_STREAMS = 16;
const MAX_LENGTH = 1_000;

/** `SLIPWAY_EVENTS:42,SLIPWAY_INGEST:1337`: streams in name order, so equal cursors are equal text. */
export function formatCursor(cursor: EventCursor): string {
  return [...cursor]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([stream, seq]) => `${stream}:${seq}`)
    .join(',');
}

/**
 * Reads a cursor sent back by a client, from the header or query parameter named `source`.
 *
 * @throws ValidationError naming `source` and the part that is wrong.
 */
export function parseCursor(text: string, source: string): EventCursor {
  const fail = (message: string): never => {
    throw new ValidationError('live events cursor', [{ path: source, message }]);
  };
  if (text.length > MAX_LENGTH) fail(`at most ${MAX_LENGTH} characters`);
  const cursor = new Map<string, number>();
  for (const part of text.split(',')) {
    const at = part.lastIndexOf(':');
    const stream = part.slice(0, at);
    const seq = Number(part.slice(at + 1));
    if (at < 0 || !STREAM_NAME.test(stream) || !/^\d{1,16}$/.test(part.slice(at + 1))) {
      fail(`'${part.slice(0, 80)}' is not <stream>:<sequence>, as the id of an event of this stream`);
    }
    if (!Number.isSafeInteger(seq)) fail(`sequence ${part.slice(at + 1)} is too large`);
    if (cursor.has(stream)) fail(`stream ${stream} appears twice`);
    cursor.set(stream, seq);
  }
  if (cursor.size > MAX_STREAMS) fail(`at most ${MAX_STREAMS} streams`);
  return cursor;
}
