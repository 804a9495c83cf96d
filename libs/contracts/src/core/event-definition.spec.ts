import { z } from 'zod';
import { ValidationError } from '../errors/validation-error';
import { MetricsLogged, ModelPromoted, RunPipelineTask } from '../events';
import {
  createEvent,
  dataSchemaUri,
  defineEvent,
  filterSubjectOf,
  subjectOf,
  subjectTokens,
} from './event-definition';
import { subjectForData } from './parse-event';

const point = { key: 'loss', value: 0.5, timestamp: 1738324800000, step: 1 };

test('createEvent - builds a CloudEvents 1.0 envelope with type and dataschema', () => {
  const event = createEvent(MetricsLogged, { runId: 'r1', metrics: [point] }, { source: '/test', id: 'e1' });
  expect(event).toMatchObject({
    specversion: '1.0',
    id: 'e1',
    source: '/test',
    type: 'dev.slipway.tracking.run.metrics.logged.v1',
    datacontenttype: 'application/json',
    dataschema: dataSchemaUri(MetricsLogged),
    data: { runId: 'r1', metrics: [point] },
  });
  expect(() => new Date(event.time!).toISOString()).not.toThrow();
});

test('createEvent - a validation failure names the bad field', () => {
  const bad = { runId: 'r1', metrics: [point, { ...point, key: 'a/../b' }] };
  expect(() => createEvent(MetricsLogged, bad, { source: '/test' })).toThrow(ValidationError);
  expect(() => createEvent(MetricsLogged, bad, { source: '/test' })).toThrow(/metrics\[1\]\.key/);
});

test('createEvent - names every bad field at once', () => {
  const bad = { runId: 'has.dot', metrics: [{ ...point, step: 1.5 }] };
  try {
    createEvent(MetricsLogged, bad, { source: '/test' });
    throw new Error('expected a ValidationError');
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.path)).toEqual(['runId', 'metrics[0].step']);
    expect((error as ValidationError).code).toBe('COMMON.VALIDATION_FAILED');
  }
});

test('createEvent - encodes non-finite metric values to their JSON strings', () => {
  const metrics = [NaN, Infinity, -Infinity].map((value) => ({ ...point, value }));
  const event = createEvent(MetricsLogged, { runId: 'r1', metrics }, { source: '/test' });
  const wire = JSON.parse(JSON.stringify(event)) as { data: { metrics: { value: unknown }[] } };
  expect(wire.data.metrics.map((m) => m.value)).toEqual(['NaN', 'Infinity', '-Infinity']);
});

test('createEvent - keeps given time, subject and traceparent', () => {
  const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
  const event = createEvent(
    MetricsLogged,
    { runId: 'r1', metrics: [point] },
    { source: '/test', time: new Date('2025-01-31T12:00:00Z'), subject: 'r1', traceparent },
  );
  expect(event).toMatchObject({ time: '2025-01-31T12:00:00.000Z', subject: 'r1', traceparent });
});

test('defineEvent - rejects a type outside the pattern and a subject outside its stream', () => {
  const base = { name: 'X', schema: z.object({}), description: 'x' };
  expect(() => defineEvent({ ...base, type: 'com.other.x.v1', subject: 'evt.x', stream: 'events' })).toThrow(
    /type/,
  );
  expect(() =>
    defineEvent({ ...base, type: 'dev.slipway.x.y.v1', subject: 'ingest.x', stream: 'events' }),
  ).toThrow(/must start with evt\./);
});

test('subjectOf - fills template tokens under the root', () => {
  expect(subjectOf(MetricsLogged, 'slipway', { runId: 'abc_12-3' })).toBe(
    'slipway.ingest.runs.abc_12-3.metrics',
  );
  expect(subjectOf(ModelPromoted, 'test_ab12')).toBe('test_ab12.evt.registry.model.promoted');
  expect(subjectTokens(RunPipelineTask)).toEqual(['taskType']);
});

test.each(['a.b', 'a*', '>', '*', 'a b', '', 'a\r\nPUB x', 'é', 'x'.repeat(129)])(
  'subjectOf - rejects the unsafe token %j',
  (token) => {
    expect(() => subjectOf(MetricsLogged, 'slipway', { runId: token })).toThrow(/token runId/);
  },
);

test('subjectOf - rejects a missing token and a bad root', () => {
  expect(() => subjectOf(MetricsLogged, 'slipway')).toThrow(/token runId/);
  expect(() => subjectOf(ModelPromoted, 'slip way')).toThrow(/subject root/);
  expect(() => subjectOf(ModelPromoted, 'a.>')).toThrow(/subject root/);
});

test('filterSubjectOf - turns template tokens into wildcards', () => {
  expect(filterSubjectOf(MetricsLogged, 'slipway')).toBe('slipway.ingest.runs.*.metrics');
  expect(filterSubjectOf(RunPipelineTask, 'slipway')).toBe('slipway.task.pipeline.*');
});

test('subjectForData - reads the template tokens from the data', () => {
  expect(subjectForData(MetricsLogged, 'slipway', { runId: 'r9', metrics: [point] })).toBe(
    'slipway.ingest.runs.r9.metrics',
  );
});
