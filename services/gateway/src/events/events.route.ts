import { jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { CommonErrorCodes, SlipwayError } from '@slipway/contracts';
import { z } from 'zod';
import { route, type GatewayRoute } from '../http/gateway-route';
import { parseCursor, type EventCursor } from './event-cursor';
import { openLiveFeed, type LiveFeed } from './live-feed';

const HEARTBEAT_MS = 15_000;

const eventsQuery = z.strictObject({
  /** Comma-separated topics, e.g. `run:abc123,models`. */
  topics: z
    .string()
    .min(1)
    .max(2000)
    .transform((s) => [
      ...new Set(
        s
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean),
      ),
    ]),
  /**
   * Resume after this event id (for a page that reloads; a reconnecting EventSource sends the
   * `Last-Event-ID` header, which wins).
   */
  lastEventId: z.string().min(1).max(1000).optional(),
  /** The API token, for clients that cannot send `Authorization` (a browser's EventSource). */
  access_token: z.string().min(1).max(200).optional(),
});

/**
 * `GET /api/v1/events`: Server-Sent Events of the chosen topics. Each event is the CloudEvent as
 * published (`event:` its type, `data:` the JSON). Its `id:` is a cursor over the JetStream
 * streams behind the topics: a client that reconnects with `Last-Event-ID` set to the last id it
 * got (EventSource does) receives what was published meanwhile, then live events. The first
 * frame carries the cursor of the moment of subscribing. Metrics logged over HTTP reach
 * followers of a run live but are not replayed (no stream keeps them; the run's history has them).
 * A comment line every 15 s keeps proxies from closing the stream.
 */
export function eventsRoute(nc: NatsConnection, subjectRoot: string): GatewayRoute {
  const js = jetstream(nc);
  let jsm: Promise<JetStreamManager> | undefined;
  return route({
    method: 'GET',
    url: '/v1/events',
    scope: 'read',
    tag: 'events',
    summary:
      'Live events (Server-Sent Events) of chosen topics: run:<id>, runs, models, model:<name>, pipelines, serving, notifications; resumable with Last-Event-ID.',
    query: eventsQuery,
    raw: true,
    queryToken: true,
    handle: async ({ query, reply, request }) => {
      const { resumeFrom, ignored } = resumePoint(request.headers['last-event-id'], query.lastEventId);
      const res = reply.raw;
      const send = (frame: string) =>
        res.write(frame) || res.destroyed
          ? undefined
          : new Promise<void>((resolve) => {
              res.once('drain', resolve);
              res.once('close', resolve);
            });
      // A failed first try (JetStream not answering yet) is not kept: the next request asks again.
      jsm ??= jetstreamManager(nc).catch((error: unknown) => {
        jsm = undefined;
        throw error;
      });
      // The response closes when the client goes (the request itself ends as soon as it is read).
      const state: { gone: boolean; feed?: LiveFeed; heartbeat?: NodeJS.Timeout } = { gone: false };
      res.on('close', () => {
        state.gone = true;
        clearInterval(state.heartbeat);
        void state.feed?.close();
      });
      // Opened before the reply is hijacked: a bad topic or cursor is still an ordinary 400.
      const feed = await unavailableUnlessSlipway(async () =>
        openLiveFeed({
          nc,
          js,
          jsm: await jsm!,
          root: subjectRoot,
          topics: query.topics,
          ...(resumeFrom ? { resumeFrom } : {}),
          send,
          onError: (error) => {
            request.log.warn({ err: error }, 'live events: a stream consumer failed; ending the stream');
            res.end();
          },
        }),
      );
      state.feed = feed;
      reply.hijack();
      if (state.gone) {
        // The client left while the consumers were being made: nothing to answer.
        void feed.close();
        return;
      }
      res.writeHead(200, {
        // Headers set by hooks so far (CORS for browser pages) go out too: hijacking skips fastify's send.
        ...(reply.getHeaders() as Record<string, string>),
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      // From here on nothing published is missed; the id lets a client that saw nothing yet resume.
      if (ignored) res.write(`: ${ignored.replace(/[\r\n]/g, ' ')}\n\n`);
      res.write(`: subscribed to ${query.topics.join(',')}\nid: ${feed.cursor}\n\n`);
      feed.start();
      state.heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    },
  });
}

/**
 * Where to resume. `?lastEventId=` is the caller's own choice: a bad one is a 400. The
 * `Last-Event-ID` header is sent by an EventSource on its own; one that is not a position of this
 * gateway (an id from before an upgrade) starts from now, with a comment saying so, since an
 * EventSource given an error status never tries again.
 */
function resumePoint(
  header: string | string[] | undefined,
  queryValue: string | undefined,
): { resumeFrom?: EventCursor; ignored?: string } {
  if (typeof header === 'string' && header !== '') {
    try {
      return { resumeFrom: parseCursor(header, 'Last-Event-ID') };
    } catch (error) {
      return { ignored: `starting from now: ${(error as Error).message}` };
    }
  }
  return queryValue === undefined ? {} : { resumeFrom: parseCursor(queryValue, 'lastEventId') };
}

/** NATS not answering (a timeout, no JetStream) is a 503 the client may retry, not a 500. */
async function unavailableUnlessSlipway<T>(open: () => Promise<T>): Promise<T> {
  try {
    return await open();
  } catch (error) {
    if (error instanceof SlipwayError) throw error;
    throw new SlipwayError(
      CommonErrorCodes.UNAVAILABLE,
      `live events: NATS JetStream did not answer: ${(error as Error).message}`,
      undefined,
      { cause: error },
    );
  }
}
