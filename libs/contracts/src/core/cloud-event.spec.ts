import { cloudEventSchema } from './cloud-event';

const valid = {
  specversion: '1.0',
  id: '0194b8a0-7c00-7000-8000-000000000001',
  source: '/clients/python',
  type: 'dev.slipway.tracking.run.metrics.logged.v1',
  time: '2025-01-31T12:00:00.000Z',
  datacontenttype: 'application/json',
  traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  data: { anything: true },
};

const pathsOf = (value: unknown) =>
  cloudEventSchema.safeParse(value).error?.issues.map((i) => i.path.join('.'));

test('envelope - accepts a full and a minimal CloudEvent', () => {
  expect(cloudEventSchema.safeParse(valid).success).toBe(true);
  const { specversion, id, source, type, data } = valid;
  expect(cloudEventSchema.safeParse({ specversion, id, source, type, data }).success).toBe(true);
});

test('envelope - rejects a missing or wrong specversion', () => {
  const { specversion: _, ...noVersion } = valid;
  expect(pathsOf(noVersion)).toEqual(['specversion']);
  expect(pathsOf({ ...valid, specversion: '0.3' })).toEqual(['specversion']);
});

test('envelope - rejects an empty id, source or type', () => {
  expect(pathsOf({ ...valid, id: '', source: '', type: '' })).toEqual(['id', 'source', 'type']);
});

test('envelope - rejects a time without offset and a malformed traceparent', () => {
  expect(pathsOf({ ...valid, time: '2025-01-31 12:00' })).toEqual(['time']);
  expect(pathsOf({ ...valid, traceparent: '00-xyz' })).toEqual(['traceparent']);
});

test('envelope - rejects a content type other than JSON', () => {
  expect(pathsOf({ ...valid, datacontenttype: 'application/xml' })).toEqual(['datacontenttype']);
});

test('envelope - rejects something that is not an object', () => {
  expect(cloudEventSchema.safeParse('{"specversion":"1.0"}').success).toBe(false);
  expect(cloudEventSchema.safeParse(null).success).toBe(false);
});
