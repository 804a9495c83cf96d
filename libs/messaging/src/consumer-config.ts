import { type EventDefinition, filterSubjectOf } from '@slipway/contracts';
import { AckPolicy, type ConsumerConfig, DeliverPolicy, ReplayPolicy } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';

/** Settings of the durable consumer behind one event handler. */
export interface DurableConsumerSettings {
  /** The service name; consumers are `<durablePrefix>_<EventName>`. */
  durablePrefix: string;
  /** Deliveries before the message goes to the DLQ. */
  maxDeliver: number;
  /** How long a delivery may stay unacked before redelivery (the transport extends it while the handler works). */
  ackWaitMs: number;
  /** Unacked messages the server lets this consumer hold at once. */
  maxAckPending: number;
  /** Where a consumer created for the first time starts; default `all`, so events published before it existed are not lost. */
  deliverPolicy?: DeliverPolicy;
}

/** A consumer config with the fields every Slipway durable has. */
export type DurableConsumerConfig = Partial<ConsumerConfig> & {
  durable_name: string;
  filter_subject: string;
};

/** `registry_ModelVersionPromoted`: a valid consumer name whatever the service name holds. */
export function durableNameOf(durablePrefix: string, def: Pick<EventDefinition, 'name'>): string {
  return `${durablePrefix}_${def.name}`.replace(/[^A-Za-z0-9_-]/g, '_');
}

/**
 * The configuration of the durable pull consumer of one event. `max_deliver` is one more than
 * {@link DurableConsumerSettings.maxDeliver}: the transport dead-letters on delivery `maxDeliver`
 * itself, and the extra delivery exists only for a last attempt whose ack wait expired, which the
 * transport then dead-letters instead of letting the server drop it silently.
 */
export function consumerConfigOf(
  def: EventDefinition,
  root: string,
  settings: DurableConsumerSettings,
): DurableConsumerConfig {
  const durable = durableNameOf(settings.durablePrefix, def);
  return {
    durable_name: durable,
    description: `${settings.durablePrefix} handles ${def.type}`,
    filter_subject: filterSubjectOf(def, root),
    ack_policy: AckPolicy.Explicit,
    deliver_policy: settings.deliverPolicy ?? DeliverPolicy.All,
    replay_policy: ReplayPolicy.Instant,
    ack_wait: nanos(settings.ackWaitMs),
    max_deliver: settings.maxDeliver + 1,
    max_ack_pending: settings.maxAckPending,
  };
}

/** Fields of an existing consumer that are brought in line with the code at start. */
export const UPDATABLE_CONSUMER_FIELDS = [
  'description',
  'ack_wait',
  'max_deliver',
  'max_ack_pending',
  'filter_subject',
] as const;

/** One of {@link UPDATABLE_CONSUMER_FIELDS}. */
export type UpdatableConsumerField = (typeof UPDATABLE_CONSUMER_FIELDS)[number];

/** The updatable fields whose value differs between the desired and the actual config. */
export function consumerConfigDiff(
  desired: Partial<ConsumerConfig>,
  actual: Partial<ConsumerConfig>,
): UpdatableConsumerField[] {
  return UPDATABLE_CONSUMER_FIELDS.filter((f) => desired[f] !== undefined && desired[f] !== actual[f]);
}
