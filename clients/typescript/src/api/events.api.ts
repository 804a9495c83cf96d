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
  /**
   * Settles when the subscription ends: resolves on `close()`; rejects when the gateway cannot be
   * reached through the client's retries or refuses (a bad topic or position, a revoked token), or
   * when the stream drops and `reconnect` is false.
   */
  closed: Promise<void>;
  /**
   * Where the subscription is (inside the handler: the event being handled): pass it as
   * `lastEventId` to a later `subscribe` to get what came after.
   */
  readonly lastEventId: string | undefined;
  close(): void;
}

/** Options of {@link EventsApi.subscribe}. */
export interface SubscribeOptions {
  /** Start after this position (a `lastEventId` kept from an earlier subscription): what was published since comes first. */
  lastEventId?: string;
  /**
   * When the stream drops, connect again and resume where it stopped, so no stored event is
   * missed (metrics logged over HTTP are live only and not replayed). Default true.
   */
  reconnect?: boolean;
  /** Told of each reconnection, with the error that ended the previous stream. */
  onReconnect?: (info: { attempt: number; error: unknown; lastEventId: string | undefined }) => void;
}

/** Pause before connecting again after a dropped stream (the request itself then retries with back-off). */
const RECONNECT_DELAY_MS = 500;

/** Live events over Server-Sent Events (`GET /api/v1/events`); works in Node and browsers. */
export class EventsApi {
  constructor(private readonly http: HttpClient) {}

  /**
   * Streams the events of `topics` (`run:<runId>`, `runs`, `models`, `model:<name>`, `pipelines`,
   * `serving`, `notifications`) to `handler` until `close()`. A dropped stream is resumed from the
   * last event received (`reconnect`), as a browser's EventSource does.
   */
  subscribe(
    topics: string[],
    handler: (event: LiveEvent) => void,
    options: SubscribeOptions = {},
  ): LiveSubscription {
    const controller = new AbortController();
    let markReady: () => void = () => undefined;
    let failReady: (error: unknown) => void = () => undefined;
    const ready = new Promise<void>((resolve, reject) => ((markReady = resolve), (failReady = reject)));
    // The failure also rejects `closed`; a caller that awaits only that must not crash on this one.
    ready.catch(() => undefined);
    let lastEventId = options.lastEventId;
    /** Whether the current attempt got its answer: a stream that drops is resumed, one that cannot start is not. */
    let connected = false;
    const stream = async () => {
      connected = false;
      const res = await this.http.send({
        method: 'GET',
        path: '/events',
        query: { topics: topics.join(','), lastEventId },
        idempotent: true,
        signal: controller.signal,
      });
      connected = true;
      const parser = new SseParser((comment) => comment.startsWith('subscribed') && markReady());
      const decoder = new TextDecoder();
      const reader = res.body!.getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        for (const message of parser.push(decoder.decode(value, { stream: true }))) {
          // Set first: a handler that saves `lastEventId` saves the position of this event.
          if (message.id !== undefined) lastEventId = message.id;
          try {
            handler(JSON.parse(message.data) as LiveEvent);
          } catch (error) {
            console.error(`slipway: live event ${message.event}: ${(error as Error).message}`);
          }
        }
        lastEventId = parser.lastEventId ?? lastEventId;
      }
      throw new SlipwayError(SdkErrorCodes.STREAM_ENDED, 'the event stream ended');
    };
    const closed = (async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          await stream();
        } catch (error) {
          // The request itself already retried with back-off: a gateway that cannot be reached
          // (or refuses) ends the subscription; only a stream that was running is resumed.
          if (controller.signal.aborted || options.reconnect === false || !connected) throw error;
          options.onReconnect?.({ attempt, error, lastEventId });
          await abortableSleep(RECONNECT_DELAY_MS, controller.signal);
        }
      }
    })().catch((error: unknown) => {
      failReady(error);
      if (!controller.signal.aborted) throw error;
    });
    return {
      ready,
      closed,
      get lastEventId() {
        return lastEventId;
      },
      close: () => controller.abort(),
    };
  }
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
}
