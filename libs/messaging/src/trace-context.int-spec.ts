import type { INestMicroservice } from '@nestjs/common';
import { type JetStreamClient, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { type NatsConnection, headers } from '@nats-io/transport-node';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { context, propagation, SpanKind, trace } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { createEvent } from '@slipway/contracts';
import { type TestNatsServer, natsServerForTests, uniqueSubjectRoot } from '@slipway/testing';
import { EventPublisher } from './event-publisher';
import { connectNats } from './nats-connection';
import { streamNameOf } from './stream-config';
import { AlsContextManager } from './testing/als-context-manager';
import { Probe, startConsumerApp } from './testing/consumer-app';
import { ThingHappened } from './testing/test-events';
import { waitFor } from './testing/wait-for';

jest.setTimeout(30_000);

describe('trace context', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  let server: TestNatsServer;
  let nc: NatsConnection;
  let js: JetStreamClient;
  let app: INestMicroservice | undefined;

  beforeAll(async () => {
    context.setGlobalContextManager(new AlsContextManager());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    trace.setGlobalTracerProvider(provider);
    server = await natsServerForTests();
    nc = await connectNats({ servers: server.url, name: 'trace-int-test' });
    js = jetstream(nc);
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
    exporter.reset();
  });

  afterAll(async () => {
    await nc?.drain();
    await server?.stop();
    trace.disable();
    propagation.disable();
    context.disable();
  });

  it("messaging - a published event's handler runs in the publisher's trace", async () => {
    const root = uniqueSubjectRoot();
    const probe = new Probe();
    app = await startConsumerApp(probe, { servers: server.url, root });
    const publisher = new EventPublisher(js, root, '/test/trace');
    const tracer = trace.getTracer('test');

    const { traceId, published } = await tracer.startActiveSpan('gateway request', async (span) => {
      const result = await publisher.publishEvent(ThingHappened, { n: 1, label: 'traced' });
      span.end();
      return { traceId: span.spanContext().traceId, published: result };
    });
    await waitFor('the handler', () => probe.handled.length === 1);

    expect(probe.calls[0]!.traceId).toBe(traceId);
    expect(published.event.traceparent).toContain(traceId);
    const jsm = await jetstreamManager(nc);
    const stored = await jsm.streams.getMessage(streamNameOf('events', root), { seq: published.ack.seq });
    expect(stored?.header.get('traceparent')).toContain(traceId);
    const consumerSpan = await waitFor('the consumer span', () =>
      exporter.getFinishedSpans().find((s) => s.name === ThingHappened.type),
    );
    expect(consumerSpan.kind).toBe(SpanKind.CONSUMER);
    expect(consumerSpan.spanContext().traceId).toBe(traceId);
    const producerSpan = exporter.getFinishedSpans().find((s) => s.kind === SpanKind.PRODUCER);
    expect(consumerSpan.parentSpanContext?.spanId).toBe(producerSpan?.spanContext().spanId);
  });

  it('messaging - a producer without NATS headers joins the trace through the traceparent extension', async () => {
    const root = uniqueSubjectRoot();
    const probe = new Probe();
    app = await startConsumerApp(probe, { servers: server.url, root });
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const event = createEvent(
      ThingHappened,
      { n: 2, label: 'from python' },
      {
        source: '/clients/python',
        traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
      },
    );
    await js.publish(`${root}.evt.test.thing.happened`, JSON.stringify(event), { headers: headers() });
    await waitFor('the handler', () => probe.handled.length === 1);
    expect(probe.calls[0]!.traceId).toBe(traceId);
  });
});
