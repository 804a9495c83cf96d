import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { MetricsBatchLogged } from '@slipway/contracts';
import { z } from 'zod';
import { route, type GatewayRoute } from '../http/gateway-route';
import { modelFilterOf, runFilterOf, subjectsOfTopic } from './event-topics';
import { runShareOfBatch } from './live-run-events';

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
});

/** What a model event's data looks like enough to filter on `model:<name>`. */
const modelData = z.object({ data: z.object({ model: z.string() }).partial() }).partial();

/**
 * `GET /api/v1/events`: Server-Sent Events of the chosen topics. Each event is the CloudEvent as
 * published (`event:` its type, `id:` its id, `data:` the JSON); a comment line every 15 s keeps
 * proxies from closing the stream.
 */
export function eventsRoute(nc: NatsConnection, subjectRoot: string): GatewayRoute {
  return route({
    method: 'GET',
    url: '/v1/events',
    scope: 'read',
    tag: 'events',
    summary:
      'Live events (Server-Sent Events) of chosen topics: run:<id>, runs, models, model:<name>, pipelines, serving, notifications.',
    query: eventsQuery,
    raw: true,
    handle: async ({ query, reply, request }) => {
      const plan = query.topics.map((topic) => ({
        subjects: subjectsOfTopic(subjectRoot, topic),
        model: modelFilterOf(topic),
        run: runFilterOf(topic),
      }));
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        // Headers set by hooks so far (CORS for browser pages) go out too: hijacking skips fastify's send.
        ...(reply.getHeaders() as Record<string, string>),
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      const subs: Subscription[] = [];
      const seen = new Set<string>();
      for (const { subjects, model, run } of plan) {
        for (const subject of subjects) {
          subs.push(
            nc.subscribe(subject, {
              callback: (err, msg) => {
                if (err) return;
                let text = msg.string();
                let event: { id?: string; type?: string } & z.infer<typeof modelData>;
                try {
                  event = JSON.parse(text);
                } catch {
                  return;
                }
                if (event.type === MetricsBatchLogged.type) {
                  const share = run === undefined ? undefined : runShareOfBatch(event, run);
                  if (!share) return;
                  event = share;
                  text = JSON.stringify(share);
                }
                if (model !== undefined && modelData.safeParse(event).data?.data?.model !== model) return;
                // One message may match two topics (`models` and `model:x`): send it once.
                if (event.id) {
                  if (seen.has(event.id)) return;
                  seen.add(event.id);
                  if (seen.size > 10_000) seen.clear();
                }
                res.write(
                  `event: ${event.type ?? 'message'}\n${event.id ? `id: ${event.id}\n` : ''}data: ${text.replace(/\n/g, '')}\n\n`,
                );
              },
            }),
          );
        }
      }
      await nc.flush();
      // Sent once NATS has the subscriptions: from here on nothing published is missed.
      res.write(`: subscribed to ${query.topics.join(',')}\n\n`);
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
      request.raw.on('close', () => {
        clearInterval(heartbeat);
        for (const sub of subs) sub.unsubscribe();
      });
    },
  });
}
