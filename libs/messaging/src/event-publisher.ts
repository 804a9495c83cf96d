import {
  type CloudEvent,
  type EventData,
  type EventDefinition,
  createEvent,
  subjectForData,
  subjectOf,
} from '@slipway/contracts';
import type { JetStreamClient, PubAck } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/transport-node';
import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { injectTraceContext, traceparentOf } from './trace-context';

/** The content type of a structured-mode CloudEvent (CloudEvents NATS protocol binding). */
export const CLOUDEVENTS_CONTENT_TYPE = 'application/cloudevents+json';

const tracer = trace.getTracer('@slipway/messaging');

/** Per-publish options. */
export interface PublishEventOptions {
  /** Values of the subject template's `{tokens}` (`{ runId: 'r1' }`); default: the fields of `data` with those names. */
  tokens?: Record<string, string>;
  /** The CloudEvent id, also the `Nats-Msg-Id`: a fixed id makes a retried publish a no-op. Default: a UUID. */
  id?: string;
  /** The CloudEvents `subject` attribute (what the event is about, e.g. a model name). */
  subject?: string;
  time?: Date;
  /** How long to wait for the stream's PubAck; default: the JetStream client's timeout. */
  timeoutMs?: number;
}

/** The result of a publish: the stored event and JetStream's acknowledgement. */
export interface PublishedEvent<T = unknown> {
  event: CloudEvent<T>;
  /** `ack.duplicate` is true when the id was already stored within the duplicate window. */
  ack: PubAck;
}

/**
 * Publishes Slipway events to JetStream as CloudEvents structured JSON. The data is validated
 * against the event's schema first (a {@link ValidationError} names the bad field and nothing is
 * sent), the id becomes `Nats-Msg-Id`, and the caller's trace context travels in the headers and
 * in the `traceparent` extension.
 */
export class EventPublisher {
  constructor(
    private readonly js: JetStreamClient,
    private readonly root: string,
    /** CloudEvents `source` of every event published here, e.g. `/slipway/registry`. */
    private readonly source: string,
  ) {}

  /** Publishes one event and resolves with the PubAck once the stream stored it (or found it a duplicate). */
  async publish<D extends EventDefinition>(
    def: D,
    data: EventData<D>,
    opts: PublishEventOptions = {},
  ): Promise<PubAck> {
    return (await this.publishEvent(def, data, opts)).ack;
  }

  /** Like {@link publish}, also returning the event as sent (its id, time and traceparent). */
  async publishEvent<D extends EventDefinition>(
    def: D,
    data: EventData<D>,
    opts: PublishEventOptions = {},
  ): Promise<PublishedEvent<EventData<D>>> {
    return tracer.startActiveSpan(
      `publish ${def.type}`,
      { kind: SpanKind.PRODUCER, attributes: { 'messaging.system': 'nats' } },
      async (span) => {
        try {
          const active = context.active();
          const traceparent = traceparentOf(active);
          const event = createEvent(def, data, {
            source: this.source,
            ...(opts.id ? { id: opts.id } : {}),
            ...(opts.time ? { time: opts.time } : {}),
            ...(opts.subject ? { subject: opts.subject } : {}),
            ...(traceparent ? { traceparent } : {}),
          });
          const natsSubject = opts.tokens
            ? subjectOf(def, this.root, opts.tokens)
            : subjectForData(def, this.root, data);
          span.setAttribute('messaging.destination.name', natsSubject);
          span.setAttribute('cloudevents.event_id', event.id);
          span.setAttribute('cloudevents.event_type', event.type);
          const headers = injectTraceContext(natsHeaders(), active);
          headers.set('Content-Type', CLOUDEVENTS_CONTENT_TYPE);
          const ack = await this.js.publish(natsSubject, JSON.stringify(event), {
            msgID: event.id,
            headers,
            ...(opts.timeoutMs ? { timeout: opts.timeoutMs } : {}),
          });
          if (ack.duplicate) span.setAttribute('messaging.nats.duplicate', true);
          return { event, ack };
        } catch (err) {
          span.recordException(err as Error);
          span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
          throw err;
        } finally {
          span.end();
        }
      },
    );
  }
}
