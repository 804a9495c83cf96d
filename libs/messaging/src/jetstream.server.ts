import { DEFAULT_SUBJECT_ROOT, type EventDefinition } from '@slipway/contracts';
import { type CustomTransportStrategy, type MessageHandler, Server } from '@nestjs/microservices';
import {
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
  jetstream,
  jetstreamManager,
} from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { EventEmitter } from 'node:events';
import { lastValueFrom } from 'rxjs';
import { DEFAULT_BACKOFF_MS, DEFAULT_MAX_DELIVER } from './backoff';
import { consumerConfigOf } from './consumer-config';
import { ensureConsumer } from './consumers';
import { type DeliveryProcessor, errorMessageOf, processDelivery } from './event-delivery';
import { JetStreamContext } from './jetstream.context';
import type {
  JetStreamServerEvents,
  JetStreamServerOptions,
  JetStreamStatus,
} from './jetstream-server.options';
import { JETSTREAM_TRANSPORT } from './jetstream.transport-id';
import { type MessagingLogger, nestLoggerAdapter } from './logger';
import { connectNats } from './nats-connection';
import { SERVER_FEATURES, serverVersionOf, versionAtLeast } from './server-version';
import { streamNameOf } from './stream-config';
import { ensureStreams } from './streams';

interface RunningConsumer {
  durable: string;
  messages?: ConsumerMessages;
  loop: Promise<void>;
}

/**
 * A NestJS transport for JetStream durable pull consumers. Every `@EventPattern(SomeEvent.type)`
 * gets the durable consumer `<durablePrefix>_<SomeEvent.name>` filtered on the event's subject; the
 * handler receives the parsed `CloudEvent` and a {@link JetStreamContext}. Invalid messages and
 * messages past `maxDeliver` go to the DLQ; failures are retried with backoff; success is acked
 * after the handler resolves. Register `SlipwayRpcExceptionFilter` globally so DLQ reasons carry
 * the handler's own error message (Nest's default filter replaces it with "Internal server error").
 */
export class JetStreamServer
  extends Server<JetStreamServerEvents, JetStreamStatus>
  implements CustomTransportStrategy
{
  override readonly transportId = JETSTREAM_TRANSPORT;
  /** The transport awaits each handler and decides ack/nak/DLQ itself. */
  override readonly propagatesEventHandlerErrors = true;

  private readonly root: string;
  private readonly log: MessagingLogger;
  private readonly emitter = new EventEmitter();
  private readonly inFlight = new Set<Promise<unknown>>();
  private consumers: RunningConsumer[] = [];
  private nc?: NatsConnection;
  private js?: JetStreamClient;
  private closing = false;

  constructor(private readonly options: JetStreamServerOptions) {
    super();
    if (!options.connection && !options.servers)
      throw new Error('JetStreamServer: give servers or connection');
    this.root = options.root ?? DEFAULT_SUBJECT_ROOT;
    this.log = options.logger ?? nestLoggerAdapter(this.logger);
  }

  /** Connects, ensures streams and consumers, and starts consuming; calls back with an error if any step fails. */
  async listen(callback: (err?: unknown) => void): Promise<void> {
    try {
      this.closing = false;
      const nc =
        this.options.connection ??
        (await connectNats({
          servers: this.options.servers!,
          name: this.options.durablePrefix,
          logger: this.log,
        }));
      this.nc = nc;
      this.js = jetstream(nc);
      const jsm = await jetstreamManager(nc);
      const serverVersion = serverVersionOf(nc);
      if (this.options.ensureStreams ?? true) {
        await ensureStreams(jsm, this.root, { ...this.options.streams, serverVersion });
      }
      const handled = this.handledEvents();
      for (const [def, handler] of handled) await this.startConsumer(jsm, def, handler, serverVersion);
      this.log.info(
        { root: this.root, consumers: this.consumers.map((c) => c.durable) },
        'jetstream transport listening',
      );
      this._status$.next('connected');
      if (!this.options.connection) void this.trackStatus(nc);
      callback();
    } catch (err) {
      this.closing = true;
      if (this.nc && !this.options.connection) await this.nc.close().catch(() => undefined);
      callback(err);
    }
  }

  /**
   * Stops fetching, lets the handlers finish the messages already received (bounded by
   * `closeTimeoutMs`; what is left is redelivered after its ack wait), then drains the connection
   * it owns.
   */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    const stopping = this.consumers.map((c) => c.messages?.close().catch(() => undefined));
    const settled = Promise.allSettled([...stopping, ...this.consumers.map((c) => c.loop), ...this.inFlight]);
    const timeoutMs = this.options.closeTimeoutMs ?? 10_000;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>(
      (resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)),
    );
    if ((await Promise.race([settled, timedOut])) === 'timeout') {
      this.log.warn(
        { inFlight: this.inFlight.size, timeoutMs },
        'jetstream transport closed with handlers still running',
      );
    }
    clearTimeout(timer);
    this.consumers = [];
    if (this.nc && !this.options.connection && !this.nc.isClosed())
      await this.nc.drain().catch(() => undefined);
    this.nc = undefined;
    this._status$.next('closed');
  }

  /** Listens to transport events, e.g. `'dead-letter'`. */
  on<K extends keyof JetStreamServerEvents>(event: K, callback: JetStreamServerEvents[K]): void {
    this.emitter.on(event, callback);
  }

  /** The NATS connection (after listen). */
  unwrap<T = NatsConnection>(): T {
    if (!this.nc) throw new Error('JetStreamServer: not listening; call app.listen() first');
    return this.nc as T;
  }

  private async trackStatus(nc: NatsConnection): Promise<void> {
    for await (const status of nc.status()) {
      if (status.type === 'disconnect') this._status$.next('disconnected');
      if (status.type === 'reconnect') this._status$.next('connected');
    }
  }

  /** The event handlers this transport serves, with their definitions; fails on a type missing from the catalogue. */
  private handledEvents(): [EventDefinition, MessageHandler][] {
    const byType = new Map(this.options.events.map((def) => [def.type, def]));
    const handled: [EventDefinition, MessageHandler][] = [];
    for (const [pattern, handler] of this.getHandlers()) {
      // @MessagePattern handlers belong to the request/reply transport of a hybrid app.
      if (!handler.isEventHandler) continue;
      const def = byType.get(pattern);
      if (!def) {
        throw new Error(
          `@EventPattern(${JSON.stringify(pattern)}): no event of that type in the events given to JetStreamServer`,
        );
      }
      handled.push([def, handler]);
    }
    return handled;
  }

  private async startConsumer(
    jsm: JetStreamManager,
    def: EventDefinition,
    handler: MessageHandler,
    serverVersion: string,
  ) {
    const o = this.options;
    const maxDeliver = o.maxDeliver ?? DEFAULT_MAX_DELIVER;
    const ackWaitMs = o.ackWaitMs ?? 30_000;
    const stream = streamNameOf(def.stream, this.root);
    const config = consumerConfigOf(def, this.root, {
      durablePrefix: o.durablePrefix,
      maxDeliver,
      ackWaitMs,
      maxAckPending: o.maxAckPending ?? 1000,
      ...(o.deliverPolicy ? { deliverPolicy: o.deliverPolicy } : {}),
    });
    await ensureConsumer(jsm, stream, config, this.log);
    const durable = config.durable_name;
    const processor: DeliveryProcessor = {
      js: this.js!,
      root: this.root,
      def,
      consumer: durable,
      maxDeliver,
      backoffMs: o.backoffMs ?? DEFAULT_BACKOFF_MS,
      ackWaitMs,
      logger: this.log,
      termWithReason: versionAtLeast(serverVersion, SERVER_FEATURES.v2_11),
      handle: async (event, msg) => {
        const result = await handler(event, new JetStreamContext(msg, durable));
        return lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
      },
      onDeadLetter: (event) => this.emitter.emit('dead-letter', event),
    };
    const running: RunningConsumer = { durable, loop: Promise.resolve() };
    running.loop = this.consumeLoop(stream, running, processor);
    this.consumers.push(running);
  }

  /** Pulls messages until close; a failing pull (server restart, consumer re-created) is retried. */
  private async consumeLoop(
    stream: string,
    running: RunningConsumer,
    processor: DeliveryProcessor,
  ): Promise<void> {
    const limit = Math.max(1, this.options.concurrency ?? 1);
    const mine = new Set<Promise<unknown>>();
    while (!this.closing && this.nc && !this.nc.isClosed()) {
      try {
        const consumer = await this.js!.consumers.get(stream, running.durable);
        const messages = await consumer.consume({ max_messages: Math.max(this.options.batch ?? 10, limit) });
        running.messages = messages;
        if (this.closing) await messages.close();
        // After close() stops the pull, the messages already received are still yielded and handled:
        // handing them back with nak() races the server's own redelivery and can deliver one twice.
        for await (const msg of messages) {
          while (mine.size >= limit) await Promise.race(mine);
          const work = processDelivery(msg, processor).catch((err) => {
            this.log.error(
              { consumer: running.durable, err: errorMessageOf(err) },
              'delivery processing failed',
            );
          });
          mine.add(work);
          this.inFlight.add(work);
          void work.finally(() => {
            mine.delete(work);
            this.inFlight.delete(work);
          });
        }
        if (!this.closing) await new Promise((r) => setTimeout(r, 250));
      } catch (err) {
        if (this.closing) break;
        this.log.error(
          { consumer: running.durable, err: errorMessageOf(err) },
          'consumer stopped; restarting in 1 s',
        );
        await new Promise((r) => setTimeout(r, 1_000));
      }
    }
    await Promise.allSettled([...mine]);
  }
}
