import { Global, type INestMicroservice, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Objm } from '@nats-io/obj';
import type { NatsConnection } from '@nats-io/transport-node';
import { ValidationError } from '@slipway/contracts';
import {
  RpcClient,
  SlipwayRpcExceptionFilter,
  connectNats,
  natsRpcOptions,
  natsRpcReady,
} from '@slipway/messaging';
import { NATS_CONNECTION } from '@slipway/runtime';
import { type TestNatsServer, natsServerForTests, randomSuffix } from '@slipway/testing';
import { createHash } from 'node:crypto';
import { ArtifactsModule } from './artifacts.module';
import { ArtifactsService } from './artifacts.service';
import { GetArtifactInfo } from '@slipway/contracts';
import { ListArtifacts } from '@slipway/contracts';

jest.setTimeout(30_000);

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('tracking artifacts rpc', () => {
  let server: TestNatsServer;
  let nc: NatsConnection;
  let app: INestMicroservice;
  let client: RpcClient;
  let artifacts: ArtifactsService;
  const bucket = `tracking-artifacts-test-${randomSuffix()}`;
  const runId = `run_${randomSuffix()}`;
  const maxBytes = 64 * 1024;
  const files = ['metrics.json', 'model/MLmodel', 'model/data/model.pkl', 'plots/roc curve.png'];

  beforeAll(async () => {
    server = await natsServerForTests();
    nc = await connectNats({ servers: server.url, name: 'tracking-artifacts-test' });

    @Global()
    @Module({ providers: [{ provide: NATS_CONNECTION, useValue: nc }], exports: [NATS_CONNECTION] })
    class TestNatsModule {}

    @Module({ imports: [TestNatsModule, ArtifactsModule.forRoot({ bucket, maxBytes })] })
    class TestAppModule {}

    app = await NestFactory.createMicroservice(TestAppModule, {
      ...natsRpcOptions({ servers: server.url, queue: 'tracking', gracePeriodMs: 0 }),
      logger: false,
    });
    app.useGlobalFilters(new SlipwayRpcExceptionFilter());
    await app.listen();
    await natsRpcReady(app);
    client = new RpcClient(nc, { timeoutMs: 5_000 });
    artifacts = app.get(ArtifactsService);
    for (const path of files)
      await artifacts.upload(runId, path, Buffer.from(path), 'application/octet-stream');
  });

  afterAll(async () => {
    await app?.close();
    await new Objm(nc)
      .open(bucket)
      .then((os) => os.destroy())
      .catch(() => undefined);
    await nc?.drain();
    await server?.stop();
  });

  it('tracking - artifacts.list answers the files and folders at the root of a run', async () => {
    const listing = await client.request(ListArtifacts, { runId });
    expect(listing.path).toBe('');
    expect(listing.files.map((f) => [f.path, f.isDir])).toEqual([
      ['metrics.json', false],
      ['model', true],
      ['plots', true],
    ]);
    expect(listing.files[0]).toEqual({
      path: 'metrics.json',
      isDir: false,
      size: 12,
      sha256: sha256('metrics.json'),
      modified: expect.any(Number),
      contentType: 'application/octet-stream',
    });
  });

  it('tracking - artifacts.list lists a folder, with or without its trailing slash, or everything below it', async () => {
    const model = await client.request(ListArtifacts, { runId, path: 'model/' });
    expect(model.path).toBe('model');
    expect(model.files.map((f) => [f.path, f.isDir])).toEqual([
      ['model/MLmodel', false],
      ['model/data', true],
    ]);
    expect(await client.request(ListArtifacts, { runId, path: 'model' })).toEqual(model);
    const all = await client.request(ListArtifacts, { runId, recursive: true });
    expect(all.files.map((f) => f.path)).toEqual(files);
    expect((await client.request(ListArtifacts, { runId: `run_${randomSuffix()}` })).files).toEqual([]);
  });

  it('tracking - artifacts.info answers size, sha256 and the runs:/ URI of one file', async () => {
    await expect(client.request(GetArtifactInfo, { runId, path: 'plots/roc curve.png' })).resolves.toEqual({
      uri: `runs:/${runId}/plots/roc%20curve.png`,
      runId,
      path: 'plots/roc curve.png',
      size: 'plots/roc curve.png'.length,
      sha256: sha256('plots/roc curve.png'),
      modified: expect.any(Number),
      contentType: 'application/octet-stream',
    });
  });

  it('tracking - a missing artifact is ARTIFACTS.NOT_FOUND, an invalid path ARTIFACTS.INVALID_PATH naming the part', async () => {
    await expect(client.request(GetArtifactInfo, { runId, path: 'model/nothing' })).rejects.toMatchObject({
      code: 'ARTIFACTS.NOT_FOUND',
      details: { runId, path: 'model/nothing' },
    });
    await expect(client.request(GetArtifactInfo, { runId, path: 'model/../../etc' })).rejects.toMatchObject({
      code: 'ARTIFACTS.INVALID_PATH',
      details: { part: '..' },
    });
    await expect(client.request(ListArtifacts, { runId, path: '/abs' })).rejects.toMatchObject({
      code: 'ARTIFACTS.INVALID_PATH',
      details: { part: '/' },
    });
    await expect(client.request(ListArtifacts, { runId: 'no.dots' })).rejects.toBeInstanceOf(ValidationError);
  });

  it('tracking - an upload past ARTIFACTS_MAX_BYTES is refused and nothing is listed', async () => {
    const other = `run_${randomSuffix()}`;
    await expect(artifacts.upload(other, 'big.bin', Buffer.alloc(maxBytes + 1))).rejects.toMatchObject({
      code: 'ARTIFACTS.TOO_LARGE',
      details: { maxBytes },
    });
    async function* growing() {
      for (let i = 0; i < 10; i++) yield Buffer.alloc(16 * 1024, i);
    }
    await expect(artifacts.upload(other, 'big.bin', growing())).rejects.toMatchObject({
      code: 'ARTIFACTS.TOO_LARGE',
    });
    expect((await client.request(ListArtifacts, { runId: other, recursive: true })).files).toEqual([]);
  });
});
