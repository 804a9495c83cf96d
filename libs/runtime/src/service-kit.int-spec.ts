import { Controller, Module } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { defineRpc, HEALTH_RPCS } from '@slipway/contracts';
import { z } from 'zod';
import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { RpcClient, connectNats } from '@slipway/messaging';
import { createTestDatabase, startNatsServer, testServiceConfig } from '@slipway/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootstrapService, type RunningService } from './bootstrap';

const Echo = defineRpc({
  name: 'Echo',
  service: 'tracking',
  method: 'echo',
  request: z.object({ text: z.string() }),
  response: z.object({ text: z.string(), traceId: z.string().optional() }),
  description: 'test only',
});

@Controller()
class EchoController {
  @MessagePattern('slipway.rpc.tracking.echo')
  echo(payload: { text: string }): { text: string; traceId?: string } {
    return { text: payload.text, traceId: trace.getActiveSpan()?.spanContext().traceId };
  }
}
@Module({ controllers: [EchoController] })
class EchoModule {}

describe('service kit - a service boots on real NATS, Postgres and chDB', () => {
  let nats: Awaited<ReturnType<typeof startNatsServer>>;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let service: RunningService;
  let chDir: string;

  const spans = new InMemorySpanExporter();

  beforeAll(async () => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    trace.setGlobalTracerProvider(
      new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] }),
    );
    nats = await startNatsServer();
    db = await createTestDatabase();
    chDir = mkdtempSync(join(tmpdir(), 'slipway-kit-ch-'));
    service = await bootstrapService({
      service: 'tracking',
      config: testServiceConfig(nats.url),
      postgres: { url: db.url, poolSize: 2, schema: 'tracking', entities: [], migrations: [] },
      clickhouse: { dataPath: chDir, database: 'slipway_kit_test', migrations: [] },
      imports: [EchoModule],
    });
  });

  afterAll(async () => {
    await service?.close();
    await db?.drop();
    await nats?.stop();
    rmSync(chDir, { recursive: true, force: true });
  });

  it('service kit - /health/live and /health/ready answer 200 with every dependency up', async () => {
    const live = await fetch(`${service.url}/health/live`);
    expect(live.status).toBe(200);
    const ready = await fetch(`${service.url}/health/ready`);
    expect(ready.status).toBe(200);
    const body = await ready.json();
    expect(body).toMatchObject({
      service: 'tracking',
      status: 'ok',
      checks: { nats: { status: 'up' }, postgres: { status: 'up' }, clickhouse: { status: 'up' } },
    });
  });

  it('service kit - the schema of the service exists in Postgres', async () => {
    const { Client } = await import('pg');
    const client = new Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query(
      `SELECT schema_name FROM information_schema.schemata WHERE schema_name = 'tracking'`,
    );
    await client.end();
    expect(rows).toHaveLength(1);
  });

  it('service kit - health and feature RPCs answer over NATS in the service queue group', async () => {
    const nc = await connectNats({ servers: nats.url, name: 'kit-test' });
    const rpc = new RpcClient(nc);
    const report = await rpc.request(HEALTH_RPCS.tracking, {}, { timeoutMs: 5_000 });
    expect(report.status).toBe('ok');
    expect(report.service).toBe('tracking');
    const caller = trace.getTracer('test').startSpan('gateway request');
    const reply = await context.with(trace.setSpan(context.active(), caller), () =>
      rpc.request(Echo, { text: 'hello' }),
    );
    caller.end();
    expect(reply).toEqual({ text: 'hello', traceId: caller.spanContext().traceId });
    expect(spans.getFinishedSpans().map((s) => s.name)).toContain('slipway.rpc.tracking.echo');
    await nc.drain();
  });

  it('service kit - readiness fails while NATS is down and recovers when it is back', async () => {
    await nats.stopKeepingStore();
    const down = await fetch(`${service.url}/health/ready`);
    expect(down.status).toBe(503);
    expect(
      ((await down.json()) as { checks: Record<string, { status: string }> }).checks['nats']?.status,
    ).toBe('down');

    await nats.restart();
    const deadline = Date.now() + 20_000;
    let status = 0;
    while (Date.now() < deadline && status !== 200) {
      await new Promise((r) => setTimeout(r, 250));
      status = (await fetch(`${service.url}/health/ready`)).status;
    }
    expect(status).toBe(200);
  });

  it('service kit - metrics are served in Prometheus text format', async () => {
    const res = await fetch(`${service.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
  });
});
