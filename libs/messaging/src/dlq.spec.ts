import { headers } from '@nats-io/transport-node';
import { DLQ_HEADERS, dlqHeadersOf, dlqSubjectOf, headerSafe, readDeadLetter } from './dlq';

describe('dlq - subject mapping', () => {
  it('puts dlq after the root and keeps the rest of the subject', () => {
    expect(dlqSubjectOf('slipway.evt.registry.model.promoted', 'slipway')).toBe(
      'slipway.dlq.evt.registry.model.promoted',
    );
  });

  it('works with a custom and a dotted root', () => {
    expect(dlqSubjectOf('t_1.ingest.runs.r1.metrics', 't_1')).toBe('t_1.dlq.ingest.runs.r1.metrics');
    expect(dlqSubjectOf('acme.prod.task.train', 'acme.prod')).toBe('acme.prod.dlq.task.train');
  });

  it('keeps every token of a subject outside the root', () => {
    expect(dlqSubjectOf('other.evt.x', 'slipway')).toBe('slipway.dlq.other.evt.x');
  });
});

describe('dlq - headers', () => {
  it('names the reason, the original subject and the consumer, and keeps trace headers', () => {
    const original = headers();
    original.set('traceparent', '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
    original.set('Nats-Msg-Id', 'event-1');
    const h = dlqHeadersOf({
      subject: 'slipway.evt.a.b',
      data: new Uint8Array(),
      reason: 'invalid data: data.accuracy: expected number',
      consumer: 'tracking_RunFinished',
      headers: original,
      stream: 'SLIPWAY_EVENTS',
      sequence: 42,
      deliveryCount: 5,
    });
    expect(h.get(DLQ_HEADERS.reason)).toBe('invalid data: data.accuracy: expected number');
    expect(h.get(DLQ_HEADERS.originalSubject)).toBe('slipway.evt.a.b');
    expect(h.get(DLQ_HEADERS.consumer)).toBe('tracking_RunFinished');
    expect(h.get(DLQ_HEADERS.originalSequence)).toBe('42');
    expect(h.get('traceparent')).toBe('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
    // The DLQ message must not be deduplicated against the original event's id.
    expect(h.has('Nats-Msg-Id')).toBe(false);
  });

  it('makes a multi-line or huge reason one bounded line', () => {
    expect(headerSafe('a\r\nb\nc')).toBe('a b c');
    expect(headerSafe('x'.repeat(5000)).length).toBe(2000);
  });

  it('reads back what it wrote', () => {
    const data = new TextEncoder().encode('{oops');
    const h = dlqHeadersOf({
      subject: 's.evt.x',
      data,
      reason: 'invalid JSON',
      consumer: 'c',
      deliveryCount: 1,
    });
    expect(readDeadLetter({ headers: h, data })).toMatchObject({
      reason: 'invalid JSON',
      originalSubject: 's.evt.x',
      consumer: 'c',
      deliveries: 1,
      data,
    });
  });
});
