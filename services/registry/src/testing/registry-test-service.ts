import type { NatsConnection } from '@nats-io/transport-node';
import { Controller, Global, type INestMicroservice, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { GetRun, type RpcRequest, type RunView, SlipwayError } from '@slipway/contracts';
import {
  connectNats,
  natsRpcOptions,
  natsRpcReady,
  RpcClient,
  SlipwayRpcExceptionFilter,
} from '@slipway/messaging';
import { bootstrapService, RpcMethod, type RunningService } from '@slipway/runtime';
import {
  createTestDatabase,
  startNatsServer,
  type TestNatsServer,
  testServiceConfig,
} from '@slipway/testing';
import { AppModule } from '../app.module';
import { REGISTRY_POLICY } from '../commands/registry-commands.service';
import type { RegistryPolicy } from '../models';
import { registryEntities, registryMigrations } from '../persistence/registry.schema';

/** A registry booted for a test over a real nats-server and Postgres, with a tracking double. */
export interface RegistryUnderTest {
  readonly nc: NatsConnection;
  readonly rpc: RpcClient;
  readonly natsUrl: string;
  /** Stops the tracking double: gate metrics can no longer be fetched. */
  stopTracking(): Promise<void>;
  close(): Promise<void>;
}

function runView(runId: string, metrics: Record<string, number>): RunView {
  return {
    info: {
      runId,
      experimentId: '1',
      runName: runId,
      status: 'FINISHED',
      startTime: 1,
      endTime: 2,
      userId: null,
      sourceName: null,
      gitCommit: null,
      parentRunId: null,
      lifecycleStage: 'active',
      artifactUri: `s3://artifacts/${runId}`,
    },
    params: [],
    tags: [],
    metrics: Object.entries(metrics).map(([key, latest]) => ({
      key,
      latest,
      step: 0,
      timestamp: 1,
      min: latest,
      max: latest,
      count: 1,
    })),
  };
}

/**
 * A contract test double of tracking's `run.get` over the real NATS server, answering with fixed
 * metrics (or TRACKING.RUN_NOT_FOUND): booting tracking itself would need ClickHouse.
 */
async function startTrackingDouble(url: string, runs: Record<string, Record<string, number>>) {
  @Controller()
  class TrackingRunsDouble {
    @RpcMethod(GetRun)
    getRun({ runId }: RpcRequest<typeof GetRun>): Promise<RunView> {
      const metrics = runs[runId];
      if (!metrics) return Promise.reject(new SlipwayError('TRACKING.RUN_NOT_FOUND', `no run ${runId}`));
      return Promise.resolve(runView(runId, metrics));
    }
  }
  @Module({ controllers: [TrackingRunsDouble] })
  class TrackingDoubleModule {}
  const app = await NestFactory.createMicroservice(TrackingDoubleModule, {
    ...natsRpcOptions({ servers: url, queue: 'tracking', gracePeriodMs: 0 }),
    logger: false,
  });
  app.useGlobalFilters(new SlipwayRpcExceptionFilter());
  await app.listen();
  await natsRpcReady(app);
  return app;
}

/** Boots the registry in-process with `policy`, its own nats-server and database. Test-only. */
export async function startRegistryForTest(
  policy: RegistryPolicy,
  trackedRuns: Record<string, Record<string, number>> = {},
): Promise<RegistryUnderTest> {
  @Global()
  @Module({ providers: [{ provide: REGISTRY_POLICY, useValue: policy }], exports: [REGISTRY_POLICY] })
  class PolicyModule {}

  const nats: TestNatsServer = await startNatsServer();
  let tracking: INestMicroservice | undefined;
  let db: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  let service: RunningService | undefined;
  let nc: NatsConnection | undefined;
  const stopTracking = async () => {
    await tracking?.close();
    tracking = undefined;
  };
  const close = async () => {
    await nc?.drain();
    await stopTracking();
    await service?.close();
    await db?.drop();
    await nats.stop();
  };
  try {
    tracking = await startTrackingDouble(nats.url, trackedRuns);
    db = await createTestDatabase();
    service = await bootstrapService({
      service: 'registry',
      config: testServiceConfig(nats.url),
      postgres: {
        url: db.url,
        poolSize: 20,
        schema: 'registry',
        entities: registryEntities,
        migrations: registryMigrations,
      },
      imports: [PolicyModule, AppModule],
    });
    nc = await connectNats({ servers: nats.url, name: 'registry-it' });
    return { nc, rpc: new RpcClient(nc, { timeoutMs: 30_000 }), natsUrl: nats.url, stopTracking, close };
  } catch (error) {
    await close();
    throw error;
  }
}
