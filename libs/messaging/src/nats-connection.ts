import {
  connect,
  type NatsConnection,
  type NodeConnectionOptions,
  type Status,
} from '@nats-io/transport-node';
import { type MessagingLogger, silentLogger } from './logger';

/** How a service connects to NATS. */
export interface ConnectNatsOptions extends Omit<NodeConnectionOptions, 'servers' | 'name'> {
  /** `nats://host:4222`, or several for a cluster. */
  servers: string | string[];
  /** The connection name shown by `nats server report connections`: the service name. */
  name: string;
  /** Where connection status changes are logged (pino-compatible); default: nowhere. */
  logger?: MessagingLogger;
}

/**
 * Connects to NATS and keeps reconnecting forever (`maxReconnectAttempts: -1`): a service never
 * gives up on its bus. The first connection must succeed (`waitOnFirstConnect: false` unless
 * overridden), so a wrong URL fails at start. Every status change is logged. Requests do not
 * capture the caller's stack (`noAsyncTraces`): nats.js would allocate an Error on every request
 * and JetStream publish for it (5% of the gateway's CPU under load); our RPC and publish errors
 * name their subject instead.
 */
export async function connectNats(options: ConnectNatsOptions): Promise<NatsConnection> {
  const { logger = silentLogger, ...connectionOptions } = options;
  const nc = await connect({
    maxReconnectAttempts: -1,
    waitOnFirstConnect: false,
    noAsyncTraces: true,
    ...connectionOptions,
  });
  logger.info({ server: nc.getServer(), version: nc.info?.version, name: options.name }, 'nats connected');
  void logStatus(nc, options.name, logger);
  return nc;
}

async function logStatus(nc: NatsConnection, name: string, logger: MessagingLogger): Promise<void> {
  try {
    for await (const status of nc.status()) logStatusChange(status, name, logger);
  } catch (err) {
    logger.warn({ name, err }, 'nats status stream ended');
  }
}

/** Logs one status change at the level it deserves; pings are noise and are skipped. */
export function logStatusChange(status: Status, name: string, logger: MessagingLogger): void {
  switch (status.type) {
    case 'disconnect':
      logger.warn({ name, server: status.server }, 'nats disconnected');
      break;
    case 'reconnecting':
      logger.info({ name }, 'nats reconnecting');
      break;
    case 'reconnect':
      logger.info({ name, server: status.server }, 'nats reconnected');
      break;
    case 'error':
      logger.error({ name, err: status.error }, 'nats error');
      break;
    case 'slowConsumer':
      logger.warn({ name, subject: status.sub.getSubject(), pending: status.pending }, 'nats slow consumer');
      break;
    case 'staleConnection':
      logger.warn({ name }, 'nats stale connection');
      break;
    case 'ldm':
      logger.warn({ name, server: status.server }, 'nats server entering lame duck mode');
      break;
    case 'update':
      logger.info({ name, added: status.added, deleted: status.deleted }, 'nats cluster servers changed');
      break;
    case 'close':
      logger.info({ name }, 'nats connection closed');
      break;
    default:
      break;
  }
}
