import {
  type JetStreamManager,
  RetentionPolicy,
  StorageType,
  jetstream,
  jetstreamManager,
} from '@nats-io/jetstream';
import { type NatsConnection, nanos } from '@nats-io/transport-node';
import { type TestNatsServer, natsServerForTests, uniqueSubjectRoot } from '@slipway/testing';
import { connectNats } from './nats-connection';
import { serverVersionOf, versionAtLeast } from './server-version';
import { streamNameOf } from './stream-config';
import { ensureStreams } from './streams';

jest.setTimeout(30_000);

describe('streams', () => {
  let server: TestNatsServer;
  let nc: NatsConnection;
  let jsm: JetStreamManager;

  beforeAll(async () => {
    server = await natsServerForTests();
    nc = await connectNats({ servers: server.url, name: 'streams-int-test' });
    jsm = await jetstreamManager(nc);
  });

  afterAll(async () => {
    await nc?.drain();
    await server?.stop();
  });

  it('messaging - ensureStreams creates the four streams with the settings of DESIGN.md', async () => {
    const root = uniqueSubjectRoot();
    const results = await ensureStreams(jsm, root);
    expect(results.map((r) => [r.name, r.action])).toEqual([
      [streamNameOf('ingest', root), 'created'],
      [streamNameOf('events', root), 'created'],
      [streamNameOf('tasks', root), 'created'],
      [streamNameOf('dlq', root), 'created'],
    ]);
    const tasks = (await jsm.streams.info(streamNameOf('tasks', root))).config;
    expect(tasks).toMatchObject({
      subjects: [`${root}.task.>`],
      retention: RetentionPolicy.Workqueue,
      storage: StorageType.File,
      duplicate_window: nanos(120_000),
    });
    const ack = await jetstream(nc).publish(`${root}.evt.any.thing`, 'x');
    expect(ack.stream).toBe(streamNameOf('events', root));
  });

  it('messaging - ensuring streams twice is idempotent, and a changed setting is updated in place', async () => {
    const root = uniqueSubjectRoot();
    await ensureStreams(jsm, root);
    await jetstream(nc).publish(`${root}.dlq.kept`, 'kept');
    expect((await ensureStreams(jsm, root)).map((r) => r.action)).toEqual([
      'unchanged',
      'unchanged',
      'unchanged',
      'unchanged',
    ]);

    const changed = await ensureStreams(jsm, root, { maxAgeMs: { dlq: 600_000 } });
    expect(changed.find((r) => r.name === streamNameOf('dlq', root))).toEqual({
      name: streamNameOf('dlq', root),
      action: 'updated',
      changed: ['max_age'],
    });
    const dlq = await jsm.streams.info(streamNameOf('dlq', root));
    expect(dlq.config.max_age).toBe(nanos(600_000));
    expect(dlq.state.messages).toBe(1);
  });

  it('messaging - ensureStreams works on this server and uses 2.10 features only from 2.10', async () => {
    const root = uniqueSubjectRoot();
    await ensureStreams(jsm, root);
    const events = (await jsm.streams.info(streamNameOf('events', root))).config;
    const expected = versionAtLeast(serverVersionOf(nc), '2.10.0') ? 's2' : undefined;
    expect(events.compression === 'none' ? undefined : events.compression).toBe(expected);
  });

  it('messaging - two subject roots share one server without overlapping', async () => {
    const [a, b] = [uniqueSubjectRoot(), uniqueSubjectRoot()];
    await ensureStreams(jsm, a);
    await ensureStreams(jsm, b);
    const ack = await jetstream(nc).publish(`${b}.ingest.x`, 'x');
    expect(ack.stream).toBe(streamNameOf('ingest', b));
  });

  it('messaging - a stream of the same name over other subjects is reported, not taken over', async () => {
    const root = uniqueSubjectRoot();
    await jsm.streams.add({ name: streamNameOf('ingest', root), subjects: ['someone.else.>'] });
    await expect(ensureStreams(jsm, root)).rejects.toThrow(/exists with subjects \["someone\.else\.>"\]/);
  });
});
