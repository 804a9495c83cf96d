import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Global, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NatsConnection } from '@nats-io/transport-node';
import { RegisteredModelCreated } from '@slipway/contracts';
import { EventPublisher, connectNats, ensureStreams, silentLogger, streamNameOf } from '@slipway/messaging';
import { DATA_SOURCE, EVENT_PUBLISHER, LOGGER } from '@slipway/runtime';
import {
  createTestDatabase,
  natsServerForTests,
  type TestDatabase,
  type TestNatsServer,
  uniqueSubjectRoot,
} from '@slipway/testing';
import type { DataSource } from 'typeorm';
import { EventStore } from '../event-store';
import { openRegistrySchema } from '../persistence/registry-test-schema';
import { RelayLifecycle } from './relay.lifecycle';
import { RelayModule } from './relay.module';

jest.setTimeout(30_000);

describe('relay module', () => {
  let db: TestDatabase;
  let server: TestNatsServer;
  let nc: NatsConnection;
  let ds: DataSource;

  beforeAll(async () => {
    [db, server] = await Promise.all([createTestDatabase(), natsServerForTests()]);
    nc = await connectNats({ servers: server.url, name: 'registry-relay-module-test' });
    ds = await openRegistrySchema(db.url);
  });
  afterAll(async () => {
    await ds?.destroy();
    await nc?.drain();
    await server?.stop();
    await db?.drop();
  });

  test('relay module - starts with the app, publishes appended events, stops before shutdown', async () => {
    const root = uniqueSubjectRoot();
    const jsm = await jetstreamManager(nc);
    await ensureStreams(jsm, root);

    @Global()
    @Module({
      providers: [
        { provide: DATA_SOURCE, useValue: ds },
        { provide: EVENT_PUBLISHER, useValue: new EventPublisher(jetstream(nc), root, '/slipway/registry') },
        { provide: LOGGER, useValue: silentLogger },
      ],
      exports: [DATA_SOURCE, EVENT_PUBLISHER, LOGGER],
    })
    class FakeServiceKit {}
    @Module({ imports: [FakeServiceKit, RelayModule] })
    class App {}

    const app = await NestFactory.createApplicationContext(App, { logger: false });
    await app.init();
    const { relay } = app.get(RelayLifecycle);
    const actor = { id: 'alice', kind: 'user' } as const;
    await app.get(EventStore, { strict: false }).append('model-m', 'no-stream', [
      {
        type: RegisteredModelCreated.type,
        data: { model: 'm', description: null, tags: [], createdBy: actor },
        metadata: { actor },
      },
    ]);
    const stream = streamNameOf('events', root);
    const deadline = Date.now() + 10_000;
    while ((await jsm.streams.info(stream)).state.messages < 1 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect((await jsm.streams.info(stream)).state.messages).toBe(1);
    expect(relay.isLeader).toBe(true);
    await app.close();
    expect(relay.isLeader).toBe(false);
  });
});
