import { ValidationError } from '../errors/validation-error';
import { MetricsLogged, ModelPromoted } from '../events';
import { createEvent } from './event-definition';
import { parseEvent } from './parse-event';

const wire = (value: unknown) => JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
const point = { key: 'loss', value: NaN, timestamp: 1738324800000, step: 0 };

test('parseEvent - round-trips an event through JSON, decoding NaN', () => {
  const sent = createEvent(MetricsLogged, { runId: 'r1', metrics: [point] }, { source: '/test' });
  const received = parseEvent(MetricsLogged, wire(sent));
  expect(received.id).toBe(sent.id);
  expect(received.data.metrics[0]!.value).toBeNaN();
});

test('parseEvent - rejects an event of another type', () => {
  const sent = createEvent(
    MetricsLogged,
    { runId: 'r1', metrics: [{ ...point, value: 1 }] },
    { source: '/t' },
  );
  expect(() => parseEvent(ModelPromoted, wire(sent))).toThrow(/type: expected dev\.slipway\.registry/);
});

test('parseEvent - names bad data fields from the envelope down', () => {
  const sent = wire(
    createEvent(MetricsLogged, { runId: 'r1', metrics: [{ ...point, value: 1 }] }, { source: '/t' }),
  );
  (sent.data as { metrics: { value: unknown }[] }).metrics[0]!.value = 'nan';
  try {
    parseEvent(MetricsLogged, sent);
    throw new Error('expected a ValidationError');
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.path)).toEqual(['data.metrics[0].value']);
  }
});

test('parseEvent - rejects a bad envelope before looking at data', () => {
  expect(() => parseEvent(MetricsLogged, { specversion: '1.0', data: {} })).toThrow(
    /MetricsLogged envelope: id/,
  );
});
