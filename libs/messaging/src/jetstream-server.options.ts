import type { EventDefinition } from '@slipway/contracts';
import type { DeliverPolicy } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { DeadLetteredEvent } from './event-delivery';
import type { MessagingLogger } from './logger';
import type { StreamConfigOptions } from './stream-config';

/** Options of the JetStream transport. Durations are milliseconds. */
export interface JetStreamServerOptions {
  /** NATS URLs; ignored when `connection` is given. */
  servers?: string | string[];
  /** A connection the service already has; the server then leaves it open on close. */
  connection?: NatsConnection;
  /** Subject root; default `slipway`. */
  root?: string;
  /** The service name: consumers are `<durablePrefix>_<EventName>`, and it names the connection. */
  durablePrefix: string;
  /** The event catalogue in which each `@EventPattern(type)` finds its definition. */
  events: readonly EventDefinition[];
  /** Deliveries before the DLQ; default 5. */
  maxDeliver?: number;
  /** Nak delays after the 1st, 2nd… failure (the last repeats); default [1000, 5000, 15000]. */
  backoffMs?: readonly number[];
  /** Ack wait of each delivery (extended while the handler works); default 30 000. */
  ackWaitMs?: number;
  /** Unacked messages per consumer on the server; default 1000. */
  maxAckPending?: number;
  /** Messages fetched per pull; keep it small when handlers are slow (buffered ones age toward ack wait); default 10. */
  batch?: number;
  /** Handlers running at once per consumer; default 1 (in order). */
  concurrency?: number;
  /** Where a consumer created for the first time starts; default `all`. */
  deliverPolicy?: DeliverPolicy;
  /** Create/update the four streams on listen; default true. */
  ensureStreams?: boolean;
  /** Stream settings used when ensuring streams (replicas, max ages). */
  streams?: Omit<StreamConfigOptions, 'serverVersion'>;
  /** How long close() waits for running handlers; default 10 000. */
  closeTimeoutMs?: number;
  /** Pino-compatible logger; default: Nest's logger. */
  logger?: MessagingLogger;
}

/** Events of {@link JetStreamServer} for `app.on(...)`. */
export type JetStreamServerEvents = {
  'dead-letter': (event: DeadLetteredEvent) => void;
};

/** Status values of the transport (`app.status`). */
export type JetStreamStatus = 'connected' | 'disconnected' | 'closed';
