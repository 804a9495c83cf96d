/**
 * `@slipway/sdk/nats` (Node only): follow `model.promoted` over NATS JetStream.
 * Needs `@nats-io/transport-node` and `@nats-io/jetstream`.
 */
import {
  AckPolicy,
  DeliverPolicy,
  jetstream,
  jetstreamManager,
  type Consumer,
  type JsMsg,
} from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  eventsStreamOf,
  modelPromotedEventSchema,
  modelPromotedSubject,
  type ModelPromotedEvent,
} from './nats/model-promoted.schema';

export {
  MODEL_PROMOTED_TYPE,
  modelPromotedDataSchema,
  modelPromotedEventSchema,
  type ModelPromotedData,
  type ModelPromotedEvent,
} from './nats/model-promoted.schema';

/** Where and how to follow promotions. */
export interface SubscribeModelPromotedOptions {
  /** The NATS server(s), e.g. `nats://127.0.0.1:4222`. */
  natsUrl: string | string[];
  /**
   * A durable consumer name: the server remembers what was acknowledged, so a restarted
   * application resumes where it stopped (at-least-once). Without it, an ordered consumer that
   * lives as long as the subscription (nothing is remembered).
   */
  durable?: string;
  /** Where a new consumer starts: `new` promotions only (default), or `all` kept in the stream. */
  deliverFrom?: 'new' | 'all';
  /** The platform's subject root. Default `slipway`. */
  subjectRoot?: string;
  /** Told of invalid events (skipped) and handler errors (redelivered when durable). Default console.error. */
  onError?: (error: unknown, msg: JsMsg) => void;
}

/** A running subscription. */
export interface ModelPromotedSubscription {
  /** Stops consuming and closes the connection. */
  stop(): Promise<void>;
  /** Settles when the subscription ends. */
  closed: Promise<void>;
}

/**
 * Calls `handler` for each `model.promoted` event, validated. With `durable`, a message is acked
 * after the handler resolves and redelivered (after 5 s) when it throws, so a handler must
 * tolerate a repeat: the event `id` identifies it.
 */
export async function subscribeModelPromoted(
  options: SubscribeModelPromotedOptions,
  handler: (event: ModelPromotedEvent) => void | Promise<void>,
): Promise<ModelPromotedSubscription> {
  const nc = await connect({ servers: options.natsUrl });
  try {
    const consumer = await openConsumer(nc, options);
    const onError = options.onError ?? ((error: unknown) => console.error('slipway: model.promoted:', error));
    const messages = await consumer.consume();
    const acks = options.durable !== undefined;
    const closed = (async () => {
      for await (const msg of messages) {
        const parsed = modelPromotedEventSchema.safeParse(safeJson(msg));
        if (!parsed.success) {
          onError(new Error(`invalid model.promoted event: ${parsed.error.message}`), msg);
          if (acks) msg.term();
          continue;
        }
        try {
          await handler(parsed.data);
          if (acks) msg.ack();
        } catch (error) {
          onError(error, msg);
          if (acks) msg.nak(5_000);
        }
      }
    })();
    return {
      closed,
      stop: async () => {
        await messages.close();
        await closed.catch(() => undefined);
        await nc.drain();
      },
    };
  } catch (error) {
    await nc.close();
    throw error;
  }
}

async function openConsumer(nc: NatsConnection, options: SubscribeModelPromotedOptions): Promise<Consumer> {
  const stream = eventsStreamOf(options.subjectRoot);
  const subject = modelPromotedSubject(options.subjectRoot);
  const deliver = options.deliverFrom === 'all' ? DeliverPolicy.All : DeliverPolicy.New;
  const js = jetstream(nc);
  if (options.durable === undefined)
    return js.consumers.get(stream, { filter_subjects: subject, deliver_policy: deliver });
  const jsm = await jetstreamManager(nc);
  const exists = await jsm.consumers.info(stream, options.durable).then(
    () => true,
    () => false,
  );
  // An existing durable keeps its position; deliverFrom applies to its creation only.
  if (!exists)
    await jsm.consumers.add(stream, {
      durable_name: options.durable,
      filter_subject: subject,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: deliver,
    });
  return js.consumers.get(stream, options.durable);
}

function safeJson(msg: JsMsg): unknown {
  try {
    return msg.json();
  } catch {
    return undefined;
  }
}
