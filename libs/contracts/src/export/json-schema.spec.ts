import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { ALL_EVENTS } from '../catalogue';
import { MetricsLogged, RunStarted } from '../events';
import { EVENT_EXAMPLES, exampleEnvelope } from '../examples';
import { TrackingHealth } from '../rpc';
import { generateContractFiles } from './generate';

// What a publisher in another language would do: validate JSON with a JSON Schema validator.
const files = generateContractFiles();
const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
const validators = new Map<string, ReturnType<typeof ajv.compile>>();
const validatorOf = (path: string) => {
  if (!validators.has(path)) validators.set(path, ajv.compile(JSON.parse(files.get(path)!) as object));
  return validators.get(path)!;
};
const eventValidator = (type: string) => validatorOf(`json-schema/events/${type}.json`);
const wire = (value: unknown) => JSON.parse(JSON.stringify(value)) as Record<string, unknown>;

test('json schema - every example event validates against its published schema', () => {
  EVENT_EXAMPLES.forEach((example, i) => {
    const validate = eventValidator(example.def.type);
    expect({
      type: example.def.type,
      valid: validate(wire(exampleEnvelope(example, i))),
      errors: validate.errors,
    }).toEqual({ type: example.def.type, valid: true, errors: null });
  });
  expect(EVENT_EXAMPLES).toHaveLength(ALL_EVENTS.length);
});

test('json schema - an event refuses the wrong type, 1001 metrics, a bad value and a 251-char key', () => {
  const validate = eventValidator(MetricsLogged.type);
  const example = EVENT_EXAMPLES.find((e) => e.def === MetricsLogged)!;
  const event = wire(exampleEnvelope(example));
  const point = { key: 'loss', value: 1, timestamp: 0, step: 0 };
  const withData = (data: unknown) => ({ ...event, data });
  expect(validate(event)).toBe(true);
  expect(validate({ ...event, type: 'dev.slipway.other.v1' })).toBe(false);
  expect(validate(withData({ runId: 'r', metrics: Array.from({ length: 1001 }, () => point) }))).toBe(false);
  expect(validate(withData({ runId: 'r', metrics: [{ ...point, value: 'nan' }] }))).toBe(false);
  expect(validate(withData({ runId: 'r', metrics: [{ ...point, key: 'k'.repeat(251) }] }))).toBe(false);
  expect(validate(withData({ runId: 'a.b', metrics: [point] }))).toBe(false);
});

test('json schema - RunStarted requires an experiment id or name', () => {
  const validate = eventValidator(RunStarted.type);
  const event = wire(exampleEnvelope(EVENT_EXAMPLES.find((e) => e.def === RunStarted)!));
  const data = { runId: 'r', startTime: 0 };
  expect(validate({ ...event, data: { ...data, experimentId: '1' } })).toBe(true);
  expect(validate({ ...event, data })).toBe(false);
});

test('json schema - RPC bodies validate', () => {
  const response = validatorOf(`json-schema/rpc/${TrackingHealth.subject}.response.json`);
  expect(
    response({ service: 'tracking', status: 'ok', checks: { nats: { status: 'up' } }, uptimeSeconds: 3 }),
  ).toBe(true);
  expect(response({ service: 'tracking', status: 'ok', checks: {} })).toBe(false);
  expect(validatorOf(`json-schema/rpc/${TrackingHealth.subject}.request.json`)({})).toBe(true);
});
