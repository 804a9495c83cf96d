import { type JetStreamManager, jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { ValidationError } from '@slipway/contracts';
import { type TestNatsServer, natsServerForTests, uniqueSubjectRoot } from '@slipway/testing';
import { EventPublisher } from './event-publisher';
import { connectNats } from './nats-connection';
import { streamNameOf } from './stream-config';
import { ensureStreams } from './streams';
import { ThingHappened, type ThingData } from './testing/test-events';

jest.setTimeout(30_000);

describe('event publisher', () => {
  let server: TestNatsServer;
  let nc: NatsConnection;
  let jsm: JetStreamManager;

  beforeAll(async () => {
    server = await natsServerForTests();
    nc = await connectNats({ servers: server.url, name: 'publisher-int-test' });
    jsm = await jetstreamManager(nc);
  });

  afterAll(async () => {
    await nc?.drain();
    await server?.stop();
  });

  it('messaging - a published event is a CloudEvent stored under its id', async () => {
    const root = uniqueSubjectRoot();
    await ensureStreams(jsm, root);
    const publisher = new EventPublisher(jetstream(nc), root, '/slipway/test');
    const { event, ack } = await publisher.publishEvent(
      ThingHappened,
      { n: 1, label: 'one' },
      { subject: 'thing-1' },
    );

    const stored = await jsm.streams.getMessage(streamNameOf('events', root), { seq: ack.seq });
    expect(stored?.subject).toBe(`${root}.evt.test.thing.happened`);
    expect(stored?.header.get('Nats-Msg-Id')).toBe(event.id);
    expect(stored?.header.get('Content-Type')).toBe('application/cloudevents+json');
    expect(stored?.json()).toMatchObject({
      specversion: '1.0',
      id: event.id,
      source: '/slipway/test',
      type: ThingHappened.type,
      subject: 'thing-1',
      datacontenttype: 'application/json',
      data: { n: 1, label: 'one' },
    });
  });

  it('messaging - invalid data is refused with the bad field named, and nothing is sent', async () => {
    const root = uniqueSubjectRoot();
    await ensureStreams(jsm, root);
    const publisher = new EventPublisher(jetstream(nc), root, '/slipway/test');
    const bad = { n: 1.5, label: 'x' } as ThingData;
    const refused = publisher.publish(ThingHappened, bad);
    await expect(refused).rejects.toBeInstanceOf(ValidationError);
    await expect(refused).rejects.toThrow(/\bn: /);
    expect((await jsm.streams.info(streamNameOf('events', root))).state.messages).toBe(0);
  });
});
