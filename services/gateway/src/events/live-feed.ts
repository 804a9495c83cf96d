import {
  JetStreamApiCodes,
  JetStreamApiError,
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
} from '@nats-io/jetstream';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { CommonErrorCodes, MetricsBatchLogged, SlipwayError, withRoot } from '@slipway/contracts';
import {
  SERVER_FEATURES,
  STREAM_SUBJECT_TOKEN,
  streamNameOf,
  streamSubjectOf,
  versionAtLeast,
  type SlipwayStreamKind,
} from '@slipway/messaging';
import { z } from 'zod';
import { formatCursor, type EventCursor } from './event-cursor';
import { modelFilterOf, runFilterOf, subjectsOfTopic } from './event-topics';
import { runShareOfBatch } from './live-run-events';
import { subjectMatches } from './subject-match';

/** Messages a replaying consumer may hold before the client has taken them. */
const PULL_BATCH = 256;
/** Event ids remembered to send a message matching two topics (`models`, `model:x`) once. */
const SEEN_IDS = 10_000;

/** What a model event's data looks like enough to filter on `model:<name>`. */
const modelData = z.object({ data: z.object({ model: z.string() }).partial() }).partial();

export interface LiveFeedOptions {
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  root: string;
  topics: readonly string[];
  /** Resume after this cursor (a client's `Last-Event-ID`); default: from now. */
  resumeFrom?: EventCursor;
  /** Writes one SSE frame; resolves when the client can take more. */
  send(frame: string): void | Promise<void>;
  /** A stream's consumer failed (its stream deleted, NATS gone): the feed is over. */
  onError(error: unknown): void;
}

export interface LiveFeed {
  /** Where the feed starts: send it as the first `id`, so a client that has seen nothing can resume. */
  cursor: string;
  /** Starts sending (what arrived since opening is kept until then): call once the client is answered. */
  start(): void;
  close(): Promise<void>;
}

interface TopicPlan {
  subjects: string[];
  model?: string;
  run?: string;
}

/**
 * The live events of `topics`, as SSE frames. Subjects kept in a JetStream stream (domain events,
 * NATS ingest) are read with one ordered consumer per stream, from the stream's current end or
 * from `resumeFrom`, and each frame's `id` is the cursor after it; the gateway's own live
 * subjects (metrics logged over HTTP, not kept anywhere) are plain subscriptions, their frames
 * without an `id`, so they do not move a client's cursor and are not replayed.
 */
export async function openLiveFeed(options: LiveFeedOptions): Promise<LiveFeed> {
  const plans: TopicPlan[] = options.topics.map((topic) => ({
    subjects: subjectsOfTopic(options.root, topic),
    model: modelFilterOf(topic),
    run: runFilterOf(topic),
  }));
  const byStream = new Map<string, Set<string>>();
  const streamWide = new Map<string, string>();
  const plain = new Set<string>();
  for (const subject of plans.flatMap((p) => p.subjects)) {
    const stream = streamOfSubject(options.root, subject);
    if (stream === undefined) {
      plain.add(subject);
      continue;
    }
    streamWide.set(stream.name, stream.subject);
    byStream.set(stream.name, (byStream.get(stream.name) ?? new Set()).add(subject));
  }
  const manyFilters = versionAtLeast(options.nc.info?.version, SERVER_FEATURES.v2_10);
  const cursor = new Map<string, number>();
  const seen = new Set<string>();
  let held: string[] | undefined = [];
  const emit = (frame: string) => (held ? void held.push(frame) : options.send(frame));
  const frames = (subject: string, text: string, id?: () => string) =>
    framesOf(plans, seen, subject, text, id);

  const consumers: { stream: string; messages: ConsumerMessages; delete(): Promise<unknown> }[] = [];
  const subscriptions: Subscription[] = [];
  let closing = false;
  const close = async () => {
    closing = true;
    for (const sub of subscriptions) sub.unsubscribe();
    await Promise.all(
      consumers.map(async (c) => {
        // stop() unsubscribes and clears the timers at once; close() would wait for a reader of
        // the messages, which a feed that never started does not have.
        c.messages.stop();
        await c.delete().catch(() => undefined);
      }),
    );
  };
  try {
    for (const [stream, subjects] of byStream) {
      const last = await lastSequenceOf(options.jsm, stream);
      const from = options.resumeFrom?.get(stream);
      // A cursor past the stream's end (the stream was re-created) resumes from now.
      const after = from !== undefined && from <= last ? from : last;
      cursor.set(stream, after);
      const consumer = await options.js.consumers.get(stream, {
        // Before nats-server 2.10 a consumer has one filter: the whole stream then, sorted out here.
        filter_subjects:
          subjects.size === 1 ? [...subjects][0]! : manyFilters ? [...subjects] : streamWide.get(stream)!,
        opt_start_seq: after + 1,
      });
      const messages = await consumer.consume({ max_messages: PULL_BATCH });
      consumers.push({ stream, messages, delete: () => consumer.delete() });
    }
    for (const subject of plain) {
      subscriptions.push(
        options.nc.subscribe(subject, {
          callback: (err, msg) => {
            if (err) return;
            for (const frame of frames(msg.subject, msg.string())) void emit(frame);
          },
        }),
      );
    }
    await options.nc.flush();
  } catch (error) {
    await close();
    throw error;
  }
  const pump = async (stream: string, messages: ConsumerMessages) => {
    for await (const msg of messages) {
      cursor.set(stream, msg.seq);
      const frameIds = () => formatCursor(cursor);
      for (const frame of frames(msg.subject, msg.string(), frameIds)) await options.send(frame);
    }
    // Ended without close(): NATS closed or drained (a shutdown). The client reconnects elsewhere.
    if (!closing) throw new Error(`the consumer of ${stream} ended`);
  };
  const start = () => {
    for (const frame of held ?? []) void options.send(frame);
    held = undefined;
    for (const { stream, messages } of consumers) pump(stream, messages).catch(options.onError);
  };
  return { cursor: formatCursor(cursor), start, close };
}

/**
 * The sequence of `stream`'s last message.
 *
 * @throws SlipwayError `COMMON.DEPENDENCY_UNAVAILABLE` (503) when the stream is missing: every service
 *   creates the streams when it starts, so it is back after one restarts.
 */
async function lastSequenceOf(jsm: JetStreamManager, stream: string): Promise<number> {
  try {
    return (await jsm.streams.info(stream)).state.last_seq;
  } catch (error) {
    if (error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound) {
      throw new SlipwayError(
        CommonErrorCodes.UNAVAILABLE,
        `live events: the JetStream stream ${stream} does not exist (the services create it when they start)`,
        undefined,
        { cause: error },
      );
    }
    throw error;
  }
}

/** The Slipway stream that keeps `subject` (its name and all its subjects), or undefined for a subject no stream keeps. */
function streamOfSubject(root: string, subject: string): { name: string; subject: string } | undefined {
  for (const kind of ['ingest', 'events'] as const satisfies readonly SlipwayStreamKind[]) {
    if (subject.startsWith(`${withRoot(root, STREAM_SUBJECT_TOKEN[kind])}.`)) {
      return { name: streamNameOf(kind, root), subject: streamSubjectOf(kind, root) };
    }
  }
  return undefined;
}

/** The SSE frames one message makes for the topics it matches (a batch: each followed run's share). */
function framesOf(
  plans: readonly TopicPlan[],
  seen: Set<string>,
  subject: string,
  text: string,
  id: (() => string) | undefined,
): string[] {
  // A consumer of a whole stream (nats-server before 2.10) sees much no topic wants: skip it unparsed.
  const matching = plans.filter((plan) => plan.subjects.some((pattern) => subjectMatches(pattern, subject)));
  if (matching.length === 0) return [];
  let event: { id?: string; type?: string } & z.infer<typeof modelData>;
  try {
    event = JSON.parse(text);
  } catch {
    return [];
  }
  const out: { type: string; body: string }[] = [];
  for (const plan of matching) {
    let sent = event;
    let body = text;
    if (event.type === MetricsBatchLogged.type) {
      const share = plan.run === undefined ? undefined : runShareOfBatch(event, plan.run);
      if (!share) continue;
      sent = share;
      body = JSON.stringify(share);
    }
    if (plan.model !== undefined && modelData.safeParse(sent).data?.data?.model !== plan.model) continue;
    if (sent.id) {
      if (seen.has(sent.id)) continue;
      if (seen.size >= SEEN_IDS) seen.clear();
      seen.add(sent.id);
    }
    out.push({ type: sent.type ?? 'message', body });
  }
  // The cursor goes on the last frame of the message only: a client that got the first of two
  // frames and lost the second resumes at this message, not after it. Line breaks would end an
  // SSE field early (an `id:` smuggled in a type): none is sent (JSON needs none).
  return out.map(
    ({ type, body }, i) =>
      `event: ${type.replace(/[\r\n]/g, '')}\n${id && i === out.length - 1 ? `id: ${id()}\n` : ''}data: ${body.replace(/[\r\n]/g, '')}\n\n`,
  );
}
