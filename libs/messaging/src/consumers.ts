import {
  type ConsumerInfo,
  JetStreamApiCodes,
  JetStreamApiError,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { type DurableConsumerConfig, consumerConfigDiff } from './consumer-config';
import type { MessagingLogger } from './logger';

/**
 * Creates the durable consumer, or brings the updatable fields of an existing one in line with
 * `desired` (max deliveries, ack wait…). Its position in the stream is never reset.
 */
export async function ensureConsumer(
  jsm: JetStreamManager,
  stream: string,
  desired: DurableConsumerConfig,
  logger: MessagingLogger,
): Promise<ConsumerInfo> {
  const name = desired.durable_name;
  const existing = await consumerInfoOrNull(jsm, stream, name);
  if (!existing) return jsm.consumers.add(stream, desired);
  const changed = consumerConfigDiff(desired, existing.config);
  if (changed.length === 0) return existing;
  const update = Object.fromEntries(changed.map((f) => [f, desired[f]]));
  try {
    const info = await jsm.consumers.update(stream, name, update);
    logger.info({ stream, consumer: name, changed }, 'consumer updated');
    return info;
  } catch (err) {
    // An older server may refuse some updates (a new filter on 2.9): keep consuming with what exists.
    logger.warn(
      { stream, consumer: name, changed, err: (err as Error).message },
      'consumer update refused; using the existing config',
    );
    return existing;
  }
}

async function consumerInfoOrNull(
  jsm: JetStreamManager,
  stream: string,
  name: string,
): Promise<ConsumerInfo | null> {
  try {
    return await jsm.consumers.info(stream, name);
  } catch (err) {
    if (err instanceof JetStreamApiError && err.code === JetStreamApiCodes.ConsumerNotFound) return null;
    throw err;
  }
}
