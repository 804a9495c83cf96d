import { DEFAULT_SUBJECT_ROOT, withRoot } from '@slipway/contracts';
import type { JetStreamClient, PubAck } from '@nats-io/jetstream';
import { headers as natsHeaders, type MsgHdrs } from '@nats-io/transport-node';
import { STREAM_SUBJECT_TOKEN } from './stream-config';

/** Headers a dead-lettered message carries beside its original body and headers. */
export const DLQ_HEADERS = {
  /** Why it could not be handled, in clear text naming the bad field or the last error. */
  reason: 'Slipway-Dlq-Reason',
  originalSubject: 'Slipway-Original-Subject',
  originalStream: 'Slipway-Original-Stream',
  originalSequence: 'Slipway-Original-Sequence',
  /** The durable consumer that gave up on it. */
  consumer: 'Slipway-Consumer',
  deliveries: 'Slipway-Deliveries',
} as const;

/** Headers of the original message that must not be copied: they steer JetStream, not the reader. */
const DROPPED_HEADERS = /^nats-(msg-id|expected-|rollup|ttl)/i;

/** NATS header values are one line; a long reason is cut so the message stays small. */
const MAX_REASON_LENGTH = 2000;

/**
 * The dead-letter subject of a message: `<root>.dlq.<subject without root>`
 * (`slipway.evt.registry.model.promoted` → `slipway.dlq.evt.registry.model.promoted`).
 * A subject outside the root keeps all its tokens (`slipway.dlq.other.subject`).
 */
export function dlqSubjectOf(subject: string, root: string = DEFAULT_SUBJECT_ROOT): string {
  const relative = subject.startsWith(`${root}.`) ? subject.slice(root.length + 1) : subject;
  return withRoot(root, `${STREAM_SUBJECT_TOKEN.dlq}.${relative}`);
}

/** Makes a reason safe for a header value: one line, bounded length. */
export function headerSafe(value: string): string {
  const line = value.replace(/[\r\n]+/g, ' ').trim();
  return line.length > MAX_REASON_LENGTH ? `${line.slice(0, MAX_REASON_LENGTH - 1)}…` : line;
}

/** One message on its way to the dead-letter queue. */
export interface DlqEntry {
  /** The subject it was published on. */
  subject: string;
  /** The original body, byte for byte (it may be invalid JSON: that can be the reason). */
  data: Uint8Array;
  reason: string;
  consumer: string;
  /** The original headers (trace context survives); JetStream control headers are dropped. */
  headers?: MsgHdrs;
  stream?: string;
  sequence?: number;
  deliveryCount?: number;
}

/** The headers of a DLQ message for `entry` (pure, so the mapping is unit-tested). */
export function dlqHeadersOf(entry: DlqEntry): MsgHdrs {
  const h = natsHeaders();
  if (entry.headers) {
    for (const [key, values] of entry.headers) {
      if (DROPPED_HEADERS.test(key)) continue;
      for (const value of values) h.append(key, value);
    }
  }
  h.set(DLQ_HEADERS.reason, headerSafe(entry.reason));
  h.set(DLQ_HEADERS.originalSubject, entry.subject);
  h.set(DLQ_HEADERS.consumer, entry.consumer);
  if (entry.stream) h.set(DLQ_HEADERS.originalStream, entry.stream);
  if (entry.sequence !== undefined) h.set(DLQ_HEADERS.originalSequence, String(entry.sequence));
  if (entry.deliveryCount !== undefined) h.set(DLQ_HEADERS.deliveries, String(entry.deliveryCount));
  return h;
}

/**
 * Stores `entry` in the DLQ stream and resolves once JetStream has it, so the caller may then
 * ack the original. The message id is derived from the original stream position, so a retry after
 * a lost ack never stores the same dead letter twice.
 */
export function publishToDlq(js: JetStreamClient, root: string, entry: DlqEntry): Promise<PubAck> {
  const msgID =
    entry.stream && entry.sequence !== undefined
      ? `dlq:${entry.consumer}:${entry.stream}:${entry.sequence}`
      : undefined;
  return js.publish(dlqSubjectOf(entry.subject, root), entry.data, {
    headers: dlqHeadersOf(entry),
    ...(msgID ? { msgID } : {}),
  });
}

/** What a reader of the DLQ learns from one dead letter. */
export interface DeadLetter {
  reason: string;
  originalSubject: string;
  consumer: string;
  deliveries?: number;
  data: Uint8Array;
  headers: MsgHdrs;
}

/** Reads the Slipway headers of a message taken from the DLQ stream. */
export function readDeadLetter(msg: { headers?: MsgHdrs; data: Uint8Array }): DeadLetter {
  const h = msg.headers ?? natsHeaders();
  const deliveries = h.get(DLQ_HEADERS.deliveries);
  return {
    reason: h.get(DLQ_HEADERS.reason),
    originalSubject: h.get(DLQ_HEADERS.originalSubject),
    consumer: h.get(DLQ_HEADERS.consumer),
    ...(deliveries ? { deliveries: Number(deliveries) } : {}),
    data: msg.data,
    headers: h,
  };
}
