/**
 * An application that follows promotions: a durable JetStream consumer on
 * `slipway.evt.registry.model.promoted` that replays every promotion from the start the first time
 * it runs and resumes where it stopped afterwards. Run it with
 * `node -r @swc-node/register examples/subscribe-model-promoted.ts [nats-url]`.
 */
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { ModelPromoted, parseEvent } from '@slipway/contracts';

async function main(): Promise<void> {
  const nc = await connect({ servers: process.argv[2] ?? 'nats://127.0.0.1:4222' });
  const jsm = await jetstreamManager(nc);
  await jsm.consumers.add('SLIPWAY_EVENTS', {
    durable_name: 'my-app-promotions',
    filter_subject: 'slipway.evt.registry.model.promoted',
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
  });
  const consumer = await jetstream(nc).consumers.get('SLIPWAY_EVENTS', 'my-app-promotions');
  const seen = new Set<string>();
  for await (const msg of await consumer.consume()) {
    let event;
    try {
      event = parseEvent(ModelPromoted, msg.json());
    } catch (error) {
      console.error(`skipping an invalid event: ${(error as Error).message}`);
      msg.term();
      continue;
    }
    const { id, data } = event;
    // At-least-once delivery: the event id tells a redelivery from a new promotion.
    if (!seen.has(id)) {
      seen.add(id);
      console.log(
        `${data.model} v${data.version} is now "${data.alias}" (was ${data.previousVersion ?? 'none'})`,
      );
    }
    msg.ack();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
