import type { NatsConnection } from '@nats-io/transport-node';
import { type NatsOptions, Transport } from '@nestjs/microservices';
import { RpcReplySerializer } from './rpc-reply.serializer';

/** Options of the request/reply transport of a service. */
export interface NatsRpcOptions {
  servers: string | string[];
  /** The queue group: the service name, so each request is answered by one replica. */
  queue: string;
  /** Connection name; default `<queue>-rpc`. */
  name?: string;
  /**
   * On close, stop taking requests and wait this long for the ones running before closing the
   * connection; default 1000. 0 closes at once.
   */
  gracePeriodMs?: number;
}

/**
 * The `MicroserviceOptions` of NestJS's built-in NATS transport for Slipway request/reply:
 * `@MessagePattern(SomeRpc.subject)` handlers subscribe in the queue group `queue`, and the
 * connection reconnects forever. Replies are written by {@link RpcReplySerializer} (Nest's wire
 * format; a reply the handler already encoded is not stringified again). Pair it with `SlipwayRpcExceptionFilter` and {@link RpcClient}.
 */
export function natsRpcOptions(opts: NatsRpcOptions): NatsOptions {
  const gracePeriod = opts.gracePeriodMs ?? 1_000;
  return {
    transport: Transport.NATS,
    options: {
      servers: opts.servers,
      queue: opts.queue,
      name: opts.name ?? `${opts.queue}-rpc`,
      maxReconnectAttempts: -1,
      waitOnFirstConnect: false,
      gracefulShutdown: gracePeriod > 0,
      gracePeriod,
      serializer: new RpcReplySerializer(),
    },
  };
}

/**
 * Resolves once the NATS server has registered every `@MessagePattern` subscription of a
 * microservice started with {@link natsRpcOptions} (a round trip after the SUBs). Nest's
 * `listen()` resolves before that, so a request sent at once from another connection can meet
 * "no responders". Call it before announcing readiness.
 */
export async function natsRpcReady(microservice: { unwrap<T>(): T }): Promise<void> {
  await microservice.unwrap<NatsConnection>().flush();
}
