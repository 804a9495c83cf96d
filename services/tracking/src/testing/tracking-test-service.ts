import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NatsConnection } from '@nats-io/transport-node';
import { type RpcDefinition, SlipwayError } from '@slipway/contracts';
import { connectNats, decodeRpcReply, encodeRpcRequest, RpcClient } from '@slipway/messaging';
import { bootstrapService, type BootstrapOptions, type RunningService } from '@slipway/runtime';
import {
  createTestDatabase,
  startNatsServer,
  type TestNatsServer,
  testServiceConfig,
} from '@slipway/testing';
import { AppModule } from '../app.module';
import { trackingClickHouseMigrations } from '../persistence/tracking.clickhouse-migrations';
import { trackingEntities, trackingMigrations } from '../persistence/tracking.schema';

/** The tracking service booted in-process on its own nats-server, Postgres database and chDB directory. */
export interface TrackingTestService {
  /** URL of the suite's own nats-server (for publishers in other languages). */
  natsUrl: string;
  /** The suite's Postgres database (schema `tracking`), to look at stored rows. */
  dbUrl: string;
  nc: NatsConnection;
  rpc: RpcClient;
  /** Sends `payload` as it is, skipping the client's validation, so the service's own checks answer. */
  raw(def: RpcDefinition, payload: unknown): Promise<unknown>;
  close(): Promise<void>;
}

/** What a suite may add to the default boot: the ingest events it consumes and their consumer tuning. */
export type TrackingTestOptions = Pick<BootstrapOptions, 'consumes' | 'consumer'>;

export async function startTrackingTestService(
  name: string,
  options: TrackingTestOptions = {},
): Promise<TrackingTestService> {
  const nats: TestNatsServer = await startNatsServer();
  const db = await createTestDatabase();
  const chDir = mkdtempSync(join(tmpdir(), `slipway-${name}-`));
  const service: RunningService = await bootstrapService({
    service: 'tracking',
    config: testServiceConfig(nats.url),
    postgres: {
      url: db.url,
      poolSize: 5,
      schema: 'tracking',
      entities: trackingEntities,
      migrations: trackingMigrations,
    },
    clickhouse: { dataPath: chDir, database: 'slipway_tracking', migrations: trackingClickHouseMigrations },
    imports: [AppModule],
    ...options,
  });
  const nc = await connectNats({ servers: nats.url, name });
  return {
    natsUrl: nats.url,
    dbUrl: db.url,
    nc,
    rpc: new RpcClient(nc, { timeoutMs: 10_000 }),
    async raw(def, payload) {
      const reply = await nc.request(def.subject, encodeRpcRequest(def.subject, payload, name), {
        timeout: 10_000,
      });
      const decoded = decodeRpcReply(reply.string());
      if (!decoded.ok)
        throw new SlipwayError(decoded.error.code, decoded.error.message, decoded.error.details);
      return decoded.response;
    },
    async close() {
      await nc.drain();
      await service.close();
      await db.drop();
      await nats.stop();
      rmSync(chDir, { recursive: true, force: true });
    },
  };
}
