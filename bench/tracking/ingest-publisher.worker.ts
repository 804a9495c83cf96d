/**
 * The client side of the ingest benchmark, in a worker thread (its own event loop, like a
 * separate client process, so publishing does not queue behind the service's handlers): publishes
 * `events` MetricsLogged CloudEvents of 100 points through `EventPublisher` with `window`
 * publishes in flight, when the parent says `go`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { jetstream } from '@nats-io/jetstream';
import { MetricsLogged } from '@slipway/contracts';
import { connectNats, EventPublisher } from '@slipway/messaging';
import { ingestBatch, runId, type RunSet } from './bench-data';
import { startCpuProfile, type ProfileSummary } from './cpu-profile';

export interface PublisherInput {
  natsUrl: string;
  set: RunSet;
  events: number;
  window: number;
  /** Record a CPU profile of the publishing and send its summary back. */
  profile: boolean;
}

export type PublisherMessage =
  | { type: 'ready' }
  | {
      type: 'done';
      published: number;
      duplicates: number;
      points: number;
      startedAt: number;
      endedAt: number;
      profile?: ProfileSummary;
    }
  | { type: 'error'; message: string };

async function main(): Promise<void> {
  const input = workerData as PublisherInput;
  const port = parentPort!;
  const nc = await connectNats({ servers: input.natsUrl, name: 'bench-ingest-publisher' });
  const publisher = new EventPublisher(jetstream(nc, { timeout: 30_000 }), 'slipway', '/bench/ingest');
  const batches = Array.from({ length: input.events }, (_, e) => {
    const batch = ingestBatch(input.set, e);
    return { runId: runId(input.set, batch.runIndex), metrics: batch.points };
  });
  await new Promise<void>((resolve) => {
    port.once('message', () => resolve());
    port.postMessage({ type: 'ready' } satisfies PublisherMessage);
  });
  const stopProfile = input.profile ? await startCpuProfile() : undefined;
  const startedAt = Date.now();
  let next = 0;
  let duplicates = 0;
  let points = 0;
  const lane = async () => {
    while (next < batches.length) {
      const data = batches[next++]!;
      const ack = await publisher.publish(MetricsLogged, data, { tokens: { runId: data.runId } });
      if (ack.duplicate) duplicates++;
      points += data.metrics.length;
    }
  };
  await Promise.all(Array.from({ length: input.window }, lane));
  const endedAt = Date.now();
  const profile = await stopProfile?.();
  await nc.drain();
  port.postMessage({
    type: 'done',
    published: batches.length,
    duplicates,
    points,
    startedAt,
    endedAt,
    ...(profile ? { profile } : {}),
  } satisfies PublisherMessage);
}

main().catch((error: unknown) => {
  parentPort?.postMessage({
    type: 'error',
    message: (error as Error).stack ?? String(error),
  } satisfies PublisherMessage);
});
