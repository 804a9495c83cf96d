import { SdkErrorCodes, SlipwayError } from '../errors';
import { SseParser } from '../events/sse-parser';
import type { HttpClient } from '../http/http-client';

/** A CloudEvent as the gateway streams it. */
export interface LiveEvent {
  id: string;
  type: string;
  source?: string;
  time?: string;
  subject?: string;
  data: unknown;
}

/** A live subscription: `ready` once the gateway listens (nothing published after is missed). */
export interface LiveSubscription {
  ready: Promise<void>;
  /** Settles when the stream ends: resolves on `close()`, rejects when the connection fails. */
  closed: Promise<void>;
  close(): void;
}

/** Live events over Server-Sent Events (`GET /api/v1/events`); works in Node and browsers. */
export class EventsApi {
  constructor(private readonly http: HttpClient) {}

  /**
   * Streams the events of `topics` (`run:<runId>`, `runs`, `models`, `model:<name>`, `pipelines`,
   * `serving`, `notifications`) to `handler` until `close()`. No reconnection: on a dropped
   * stream `closed` rejects and the caller decides.
   */
  subscribe(topics: string[], handler: (event: LiveEvent) => void): LiveSubscription {
    const controller = new AbortController();
    let markReady: () => void = () => undefined;
    let failReady: (error: unknown) => void = () => undefined;
    const ready = new Promise<void>((resolve, reject) => ((markReady = resolve), (failReady = reject)));
    const closed = (async () => {
      const res = await this.http.send({
        method: 'GET',
        path: '/events',
        query: { topics: topics.join(',') },
        idempotent: true,
        signal: controller.signal,
      });
      const parser = new SseParser((comment) => comment.startsWith('subscribed') && markReady());
      const decoder = new TextDecoder();
      const reader = res.body!.getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        for (const message of parser.push(decoder.decode(value, { stream: true }))) {
          try {
            handler(JSON.parse(message.data) as LiveEvent);
          } catch (error) {
            console.error(`slipway: live event ${message.event}: ${(error as Error).message}`);
          }
        }
      }
      throw new SlipwayError(SdkErrorCodes.STREAM_ENDED, 'the event stream ended');
    })().catch((error: unknown) => {
      failReady(error);
      if (!controller.signal.aborted) throw error;
    });
    return { ready, closed, close: () => controller.abort() };
  }
}
