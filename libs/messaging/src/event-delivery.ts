import { CommonErrorCodes, type CloudEvent, type EventDefinition } from '@slipway/contracts';
import type { JetStreamClient, JsMsg } from '@nats-io/jetstream';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { decideOnFailure } from './backoff';
import { publishToDlq } from './dlq';
import { decodeEvent } from './event-decoder';
import type { MessagingLogger } from './logger';
import { extractTraceContext } from './trace-context';

const tracer = trace.getTracer('@slipway/messaging');

/** What became of one delivery. */
export type DeliveryOutcome = 'acked' | 'retry' | 'dead-lettered';

/** A message that went to the dead-letter queue, as reported to listeners. */
export interface DeadLetteredEvent {
  consumer: string;
  subject: string;
  reason: string;
  deliveryCount: number;
}

/** Everything the processing of one delivery needs; the handler is transport-agnostic. */
export interface DeliveryProcessor {
  js: JetStreamClient;
  root: string;
  def: EventDefinition;
  consumer: string;
  maxDeliver: number;
  backoffMs: readonly number[];
  ackWaitMs: number;
  logger: MessagingLogger;
  /** Whether `term` may carry a reason (nats-server 2.11+). */
  termWithReason: boolean;
  handle(event: CloudEvent, msg: JsMsg): Promise<unknown>;
  onDeadLetter?(event: DeadLetteredEvent): void;
}

/** The text of whatever a handler threw (an Error, Nest's `{ status, message }`, a string). */
/** Whether a handler's error says a retry cannot help (`SlipwayError.permanent`, or a validation failure). */
export function isPermanent(err: unknown): boolean {
  const e = err as { permanent?: unknown; code?: unknown } | null | undefined;
  return e?.permanent === true || e?.code === CommonErrorCodes.VALIDATION;
}

export function errorMessageOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (err && typeof err === 'object' && typeof (err as { message?: unknown }).message === 'string') {
    return (err as { message: string }).message;
  }
  return String(err);
}

/**
 * Processes one delivery and never throws: an invalid message goes to the DLQ; a valid one runs
 * the handler in the producer's trace context; success is acked once the server confirms it,
 * failure is nak'ed with backoff, and the last allowed delivery goes to the DLQ.
 */
export async function processDelivery(msg: JsMsg, p: DeliveryProcessor): Promise<DeliveryOutcome> {
  const deliveryCount = msg.info.deliveryCount;
  if (deliveryCount > p.maxDeliver) {
    return deadLetter(
      msg,
      p,
      `max deliveries (${p.maxDeliver}) reached: not acknowledged within ${p.ackWaitMs} ms`,
    );
  }
  const decoded = decodeEvent(p.def, msg.data);
  if (!decoded.ok) return deadLetter(msg, p, decoded.reason);
  const event = decoded.event;
  try {
    await runInTrace(msg, p, event);
  } catch (err) {
    // A handler that finds the event invalid or conflicting will find it so every time.
    if (isPermanent(err)) {
      return deadLetter(msg, p, `rejected by the handler: ${errorMessageOf(err)}`);
    }
    const decision = decideOnFailure(deliveryCount, p.maxDeliver, p.backoffMs, errorMessageOf(err));
    if (decision.action === 'dead-letter') return deadLetter(msg, p, decision.reason);
    p.logger.warn(
      {
        consumer: p.consumer,
        subject: msg.subject,
        eventId: event.id,
        deliveryCount,
        retryInMs: decision.delayMs,
        err: errorMessageOf(err),
      },
      'event handler failed; will retry',
    );
    msg.nak(decision.delayMs);
    return 'retry';
  }
  try {
    // A plain ack, not ackAck: waiting for the server's confirmation cost a round trip per event
    // on the ingest path, and a lost ack only means a redelivery, which handlers absorb
    // (they are idempotent; the metrics writer drops a stored event id).
    msg.ack();
  } catch (err) {
    p.logger.warn({ consumer: p.consumer, eventId: event.id, err: errorMessageOf(err) }, 'ack not sent');
  }
  return 'acked';
}

function runInTrace(msg: JsMsg, p: DeliveryProcessor, event: CloudEvent): Promise<unknown> {
  const parent = extractTraceContext(msg.headers, event);
  const attributes = {
    'messaging.system': 'nats',
    'messaging.destination.name': msg.subject,
    'messaging.consumer.group.name': p.consumer,
    'messaging.message.id': event.id,
    'messaging.nats.delivery_count': msg.info.deliveryCount,
  };
  return tracer.startActiveSpan(p.def.type, { kind: SpanKind.CONSUMER, attributes }, parent, async (span) => {
    const heartbeat = keepAlive(msg, p.ackWaitMs);
    try {
      return await p.handle(event, msg);
    } catch (err) {
      span.recordException(err instanceof Error ? err : errorMessageOf(err));
      span.setStatus({ code: SpanStatusCode.ERROR, message: errorMessageOf(err) });
      throw err;
    } finally {
      clearInterval(heartbeat);
      span.end();
    }
  });
}

/** While a handler works, tell the server so it does not redeliver the message to another replica. */
function keepAlive(msg: JsMsg, ackWaitMs: number): NodeJS.Timeout {
  const timer = setInterval(() => msg.working(), Math.max(Math.floor(ackWaitMs / 3), 200));
  timer.unref();
  return timer;
}

async function deadLetter(msg: JsMsg, p: DeliveryProcessor, reason: string): Promise<DeliveryOutcome> {
  const deliveryCount = msg.info.deliveryCount;
  try {
    await publishToDlq(p.js, p.root, {
      subject: msg.subject,
      data: msg.data,
      reason,
      consumer: p.consumer,
      ...(msg.headers ? { headers: msg.headers } : {}),
      stream: msg.info.stream,
      sequence: msg.seq,
      deliveryCount,
    });
  } catch (err) {
    // Never drop a message the DLQ did not take: try again later.
    p.logger.error(
      { consumer: p.consumer, subject: msg.subject, reason, err: errorMessageOf(err) },
      'dead-letter publish failed; will retry',
    );
    msg.nak(p.backoffMs[p.backoffMs.length - 1] ?? 0);
    return 'retry';
  }
  if (p.termWithReason) msg.term(reason);
  else msg.term();
  p.logger.warn(
    { consumer: p.consumer, subject: msg.subject, deliveryCount, reason },
    'message dead-lettered',
  );
  p.onDeadLetter?.({ consumer: p.consumer, subject: msg.subject, reason, deliveryCount });
  return 'dead-lettered';
}
