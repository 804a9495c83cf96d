import { Controller, Inject, type INestMicroservice, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MessagePattern, Payload } from '@nestjs/microservices';
import type { NatsConnection } from '@nats-io/transport-node';
import { SlipwayError, ValidationError, defineRpc, parseOrThrow } from '@slipway/contracts';
import { type TestNatsServer, natsServerForTests, randomSuffix } from '@slipway/testing';
import { z } from 'zod';
import { connectNats } from '../nats-connection';
import { natsRpcOptions, natsRpcReady } from './nats-rpc-options';
import { EncodedRpcReply } from './encoded-rpc-reply';
import { RpcClient } from './rpc-client';
import { encodeRpcRequest } from './rpc-wire';
import { SlipwayRpcExceptionFilter } from './slipway-rpc-exception.filter';

jest.setTimeout(30_000);

/** A service name of its own, so suites sharing a NATS_URL server never answer each other. */
const service = `things${randomSuffix()}`;

const GetThing = defineRpc({
  name: 'GetThing',
  service,
  method: 'get',
  request: z.object({ name: z.string().min(1) }),
  response: z.object({ name: z.string(), size: z.number(), replica: z.string() }),
  description: 'test rpc',
});

/** GetThing with a fast guard of its reply (same subject, same handler). */
const GetThingGuarded = defineRpc({
  ...GetThing,
  name: 'GetThingGuarded',
  responseGuard: (v) => {
    const r = v as Record<string, unknown> | null;
    return (
      typeof r === 'object' &&
      r !== null &&
      Object.keys(r).length === 3 &&
      typeof r['name'] === 'string' &&
      Number.isFinite(r['size']) &&
      typeof r['replica'] === 'string'
    );
  },
});

const Unanswered = defineRpc({
  name: 'Unanswered',
  service,
  method: 'nobody_listens',
  request: z.object({}),
  response: z.object({}),
  description: 'test rpc without a handler',
});

type Behaviour = (name: string) => unknown;
class Replica {
  handled = 0;
  behaviour: Behaviour | undefined;
  constructor(readonly id: string) {}
}
const REPLICA = Symbol('REPLICA');

@Controller()
class ThingsRpcController {
  constructor(@Inject(REPLICA) private readonly replica: Replica) {}

  @MessagePattern(GetThing.subject)
  async get(@Payload() payload: unknown) {
    const { name } = parseOrThrow(GetThing.request, payload, `request of ${GetThing.subject}`);
    this.replica.handled++;
    if (this.replica.behaviour) return this.replica.behaviour(name);
    return { name, size: name.length, replica: this.replica.id };
  }
}

describe('rpc', () => {
  let server: TestNatsServer;
  let nc: NatsConnection;
  let client: RpcClient;
  const apps: INestMicroservice[] = [];

  const startReplica = async (replica: Replica) => {
    @Module({ controllers: [ThingsRpcController], providers: [{ provide: REPLICA, useValue: replica }] })
    class ThingsModule {}
    const app = await NestFactory.createMicroservice(ThingsModule, {
      ...natsRpcOptions({ servers: server.url, queue: service, gracePeriodMs: 0 }),
      logger: false,
    });
    app.useGlobalFilters(new SlipwayRpcExceptionFilter());
    await app.listen();
    await natsRpcReady(app);
    apps.push(app);
    return replica;
  };

  beforeAll(async () => {
    server = await natsServerForTests();
    nc = await connectNats({ servers: server.url, name: 'rpc-int-test' });
    client = new RpcClient(nc, { timeoutMs: 2_000 });
  });

  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });

  afterAll(async () => {
    await nc?.drain();
    await server?.stop();
  });

  it('messaging - a @MessagePattern handler answers through RpcClient', async () => {
    await startReplica(new Replica('a'));
    await expect(client.request(GetThing, { name: 'churn' })).resolves.toEqual({
      name: 'churn',
      size: 5,
      replica: 'a',
    });
  });

  it("messaging - a reply the handler serialised itself travels in Nest's wire format, unchanged", async () => {
    const replica = await startReplica(new Replica('a'));
    const answer = { name: 'é "big"', size: 1.5e-7, replica: 'a'.repeat(200_000) };
    replica.behaviour = () => new EncodedRpcReply(JSON.stringify(answer));
    await expect(client.request(GetThing, { name: 'x' })).resolves.toEqual(answer);
    const raw = await nc.request(
      GetThing.subject,
      encodeRpcRequest(GetThing.subject, { name: 'x' }, 'req-1'),
    );
    expect(raw.string()).toBe(JSON.stringify({ response: answer, isDisposed: true, id: 'req-1' }));
  });

  it('messaging - an invalid request is refused before it is sent', async () => {
    const replica = await startReplica(new Replica('a'));
    const refused = client.request(GetThing, { name: '' });
    await expect(refused).rejects.toBeInstanceOf(ValidationError);
    await expect(refused).rejects.toThrow(/name:/);
    await client.request(GetThing, { name: 'sentinel' });
    expect(replica.handled).toBe(1);
  });

  it('messaging - a SlipwayError thrown by the handler arrives with its code, message and details', async () => {
    const replica = await startReplica(new Replica('a'));
    replica.behaviour = (name) => {
      throw new SlipwayError('TEST.THING_NOT_FOUND', `no thing ${name}`, { name });
    };
    const failed = client.request(GetThing, { name: 'zz' });
    await expect(failed).rejects.toBeInstanceOf(SlipwayError);
    await expect(failed).rejects.toMatchObject({
      code: 'TEST.THING_NOT_FOUND',
      message: 'no thing zz',
      details: { name: 'zz' },
    });
  });

  it('messaging - any other handler error arrives as COMMON.INTERNAL without its internals', async () => {
    const replica = await startReplica(new Replica('a'));
    replica.behaviour = () => {
      throw new TypeError('cannot read properties of undefined (secret)');
    };
    await expect(client.request(GetThing, { name: 'x' })).rejects.toMatchObject({
      code: 'COMMON.INTERNAL',
      message: 'internal error',
    });
  });

  it('messaging - a reply that does not match the response schema is refused', async () => {
    const replica = await startReplica(new Replica('a'));
    replica.behaviour = (name) => ({ name, size: 'big' });
    await expect(client.request(GetThing, { name: 'x' })).rejects.toMatchObject({
      code: 'COMMON.INTERNAL',
      message: expect.stringMatching(/^invalid response of .*: size: /),
    });
  });

  it('messaging - a reply its guard vouches for arrives as is, any other is still checked by the schema', async () => {
    const replica = await startReplica(new Replica('a'));
    await expect(client.request(GetThingGuarded, { name: 'churn' })).resolves.toEqual({
      name: 'churn',
      size: 5,
      replica: 'a',
    });
    replica.behaviour = (name) => ({ name, size: 'big', replica: 'a' });
    await expect(client.request(GetThingGuarded, { name: 'x' })).rejects.toMatchObject({
      code: 'COMMON.INTERNAL',
      message: expect.stringMatching(/^invalid response of .*: size: /),
    });
    replica.behaviour = (name) => ({ name, size: 1, replica: 'a', extra: true });
    await expect(client.request(GetThingGuarded, { name: 'x' })).resolves.toEqual({
      name: 'x',
      size: 1,
      replica: 'a',
    });
  });

  it('messaging - no replica or a slow one is COMMON.DEPENDENCY_UNAVAILABLE', async () => {
    await expect(client.request(Unanswered, {})).rejects.toMatchObject({
      code: 'COMMON.DEPENDENCY_UNAVAILABLE',
      message: expect.stringContaining('no things'),
    });
    const replica = await startReplica(new Replica('a'));
    replica.behaviour = () => new Promise((r) => setTimeout(r, 1_000));
    await expect(client.request(GetThing, { name: 'x' }, { timeoutMs: 100 })).rejects.toMatchObject({
      code: 'COMMON.DEPENDENCY_UNAVAILABLE',
      message: expect.stringContaining('did not answer within 100 ms'),
    });
  });

  it('messaging - two replicas in the queue group answer each request once', async () => {
    const [a, b] = [await startReplica(new Replica('a')), await startReplica(new Replica('b'))];
    const replies = await Promise.all(
      Array.from({ length: 40 }, (_, i) => client.request(GetThing, { name: `n${i}` })),
    );
    expect(replies.map((r) => r.name)).toEqual(Array.from({ length: 40 }, (_, i) => `n${i}`));
    expect(a.handled + b.handled).toBe(40);
    expect(a.handled).toBeGreaterThan(0);
    expect(b.handled).toBeGreaterThan(0);
  });
});
