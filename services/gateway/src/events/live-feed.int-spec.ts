import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { CommonErrorCodes, MetricsBatchLogged, MetricsLogged, RunCreated } from '@slipway/contracts';
import { connectNats, ensureStreams, EventPublisher, streamNameOf } from '@slipway/messaging';
import { natsServerForTests, uniqueSubjectRoot, type TestNatsServer } from '@slipway/testing';
import { parseCursor, type EventCursor } from './event-cursor';
import { openLiveFeed } from './live-feed';

jest.setTimeout(30_000);

interface Frame {
  type: string;
  id: string | undefined;
  event: { id: string; data: { runId: string; metrics?: { step: number }[] } };
}

const point = (step: number) => ({ key: 'loss', value: 1 / (step + 1), step, timestamp: 1_764_400_000_000 });

describe('live feed - topics read from JetStream, resumable by cursor', () => {
  let server: TestNatsServer;
  let nc: NatsConnection;
  let js: JetStreamClient;
  let jsm: JetStreamManager;
  let root: string;
  let publisher: EventPublisher;

  const created = (runId: string) =>
    publisher.publish(RunCreated, {
      runId,
      experimentId: '1',
      runName: runId,
      user: null,
      parentRunId: null,
      startTime: 1_764_400_000_000,
    });

  const open = async (topics: string[], resumeFrom?: EventCursor) => {
    const frames: Frame[] = [];
    const feed = await openLiveFeed({
      nc,
      js,
      jsm,
      root,
      topics,
      ...(resumeFrom ? { resumeFrom } : {}),
      send: (frame) => {
        frames.push({
          type: /^event: (.*)$/m.exec(frame)![1]!,
          id: /^id: (.*)$/m.exec(frame)?.[1],
          event: JSON.parse(/^data: (.*)$/m.exec(frame)![1]!),
        });
      },
      onError: (error) => {
        throw error;
      },
    });
    feed.start();
    const next = async (count: number) => {
      const deadline = Date.now() + 10_000;
      while (frames.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      return frames.slice(0, count);
    };
    return { feed, frames, next };
  };

  beforeAll(async () => {
    server = await natsServerForTests();
    nc = await connectNats({ servers: server.url, name: 'live-feed-int-test' });
    js = jetstream(nc);
    jsm = await jetstreamManager(nc);
    root = uniqueSubjectRoot();
    await ensureStreams(jsm, root);
    publisher = new EventPublisher(js, root, '/test');
  });

  afterAll(async () => {
    await nc?.drain();
    await server?.stop();
  });

  test('starts at the end of the stream; each frame carries the cursor after it; resuming replays in order, then goes live', async () => {
    await created('before');
    const first = await open(['runs']);
    const stream = streamNameOf('events', root);
    const start = parseCursor(first.feed.cursor, 'cursor').get(stream)!;
    await created('a');
    await created('b');
    const [a, b] = await first.next(2);
    expect([a!.event.data.runId, b!.event.data.runId]).toEqual(['a', 'b']);
    expect([a!.id, b!.id]).toEqual([`${stream}:${start + 1}`, `${stream}:${start + 2}`]);
    await first.feed.close();

    await created('c');
    const resumed = await open(['runs'], parseCursor(a!.id!, 'cursor'));
    expect((await resumed.next(2)).map((f) => f.event.data.runId)).toEqual(['b', 'c']);
    await created('d');
    expect((await resumed.next(3)).map((f) => f.event.data.runId)).toEqual(['b', 'c', 'd']);
    await resumed.feed.close();

    // A cursor past the stream's end (a re-created stream) resumes from now.
    const ahead = await open(['runs'], new Map([[stream, start + 1_000_000]]));
    await created('e');
    expect((await ahead.next(1)).map((f) => f.event.data.runId)).toEqual(['e']);
    expect(ahead.frames).toHaveLength(1);
    await ahead.feed.close();
  });

  test("a run's follower gets its own points and its share of batches, nothing of other runs", async () => {
    const follower = await open(['run:mine']);
    await publisher.publish(MetricsLogged, { runId: 'other', metrics: [point(0)] });
    await publisher.publish(MetricsLogged, { runId: 'mine', metrics: [point(1)] });
    const batch = await publisher.publishEvent(MetricsBatchLogged, {
      runs: [
        { runId: 'other', metrics: [point(2)] },
        { runId: 'mine', metrics: [point(3), point(4)] },
      ],
    });
    const frames = await follower.next(2);
    await new Promise((r) => setTimeout(r, 200));
    expect(follower.frames).toHaveLength(2);
    expect(
      frames.map((f) => [f.type, f.event.id, f.event.data.runId, f.event.data.metrics!.map((m) => m.step)]),
    ).toEqual([
      [MetricsLogged.type, expect.any(String), 'mine', [1]],
      [MetricsLogged.type, `${batch.event.id}#mine`, 'mine', [3, 4]],
    ]);
    expect(frames[1]!.id).toMatch(new RegExp(`^${streamNameOf('ingest', root)}:\\d+$`));
    await follower.feed.close();
  });

  test('one message for two followed runs makes two frames; only the last carries the cursor', async () => {
    const follower = await open(['run:left', 'run:right']);
    const batch = await publisher.publishEvent(MetricsBatchLogged, {
      runs: [
        { runId: 'left', metrics: [point(1)] },
        { runId: 'right', metrics: [point(2)] },
      ],
    });
    const frames = await follower.next(2);
    expect(frames.map((f) => [f.event.id, f.id])).toEqual([
      [`${batch.event.id}#left`, undefined],
      [`${batch.event.id}#right`, `${streamNameOf('ingest', root)}:${batch.ack.seq}`],
    ]);
    await follower.feed.close();
  });

  test('a feed closed before it started (its client left) removes its consumers at once', async () => {
    const stream = streamNameOf('events', root);
    const before = (await jsm.streams.info(stream)).state.consumer_count;
    const feed = await openLiveFeed({
      nc,
      js,
      jsm,
      root,
      topics: ['runs'],
      send: () => undefined,
      onError: () => undefined,
    });
    expect((await jsm.streams.info(stream)).state.consumer_count).toBe(before + 1);
    const closing = feed.close();
    await expect(
      Promise.race([closing.then(() => 'closed'), new Promise((r) => setTimeout(() => r('hung'), 2_000))]),
    ).resolves.toBe('closed');
    expect((await jsm.streams.info(stream)).state.consumer_count).toBe(before);
  });

  test('a feed whose NATS connection closes tells onError, so the response ends and the client reconnects', async () => {
    const own = await connectNats({ servers: server.url, name: 'live-feed-int-test-own' });
    const errors: unknown[] = [];
    const feed = await openLiveFeed({
      nc: own,
      js: jetstream(own),
      jsm: await jetstreamManager(own),
      root,
      topics: ['runs'],
      send: () => undefined,
      onError: (error) => errors.push(error),
    });
    feed.start();
    await own.close();
    const deadline = Date.now() + 10_000;
    while (errors.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(errors).toHaveLength(1);
  });

  test('close stops the delivery and removes the consumers from the server', async () => {
    const stream = streamNameOf('events', root);
    const before = (await jsm.streams.info(stream)).state.consumer_count;
    const feed = await open(['runs', 'models']);
    expect((await jsm.streams.info(stream)).state.consumer_count).toBe(before + 1);
    await feed.feed.close();
    await created('after-close');
    await new Promise((r) => setTimeout(r, 200));
    expect(feed.frames).toEqual([]);
    expect((await jsm.streams.info(stream)).state.consumer_count).toBe(before);
  });

  test('a missing stream is COMMON.DEPENDENCY_UNAVAILABLE (503), naming it', async () => {
    const bare = uniqueSubjectRoot();
    await expect(
      openLiveFeed({
        nc,
        js,
        jsm,
        root: bare,
        topics: ['models'],
        send: () => undefined,
        onError: () => undefined,
      }),
    ).rejects.toMatchObject({
      code: CommonErrorCodes.UNAVAILABLE,
      message: expect.stringContaining(streamNameOf('events', bare)),
    });
  });
});
