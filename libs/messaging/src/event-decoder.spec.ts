import { createEvent, defineEvent } from '@slipway/contracts';
import { z } from 'zod';
import { decodeEvent } from './event-decoder';

const ModelEvaluated = defineEvent({
  name: 'ModelEvaluated',
  type: 'dev.slipway.test.model.evaluated.v1',
  subject: 'evt.test.model.evaluated',
  stream: 'events',
  schema: z.object({ model: z.string(), accuracy: z.number() }),
  description: 'test event',
});

const encode = (value: unknown) =>
  new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));
const good = () => createEvent(ModelEvaluated, { model: 'churn', accuracy: 0.9 }, { source: '/test' });

describe('event decoder - valid events', () => {
  it('returns the event with its data parsed', () => {
    const event = good();
    expect(decodeEvent(ModelEvaluated, encode(event))).toEqual({ ok: true, event });
  });
});

describe('event decoder - reasons', () => {
  it('says the body is not JSON', () => {
    expect(decodeEvent(ModelEvaluated, encode('{not json'))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^invalid JSON/),
    });
  });

  it('says the body is not UTF-8', () => {
    expect(decodeEvent(ModelEvaluated, new Uint8Array([0xff, 0xfe]))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^invalid JSON/),
    });
  });

  it('names the envelope field that is wrong', () => {
    const result = decodeEvent(ModelEvaluated, encode({ ...good(), specversion: '0.3' }));
    expect(result).toMatchObject({
      ok: false,
      reason: expect.stringContaining('invalid ModelEvaluated envelope: specversion'),
    });
  });

  it('names a type that does not belong to the consumer', () => {
    const result = decodeEvent(ModelEvaluated, encode({ ...good(), type: 'dev.slipway.other.v1' }));
    expect(result).toMatchObject({
      ok: false,
      reason: expect.stringContaining(
        'type: expected dev.slipway.test.model.evaluated.v1, got dev.slipway.other.v1',
      ),
    });
  });

  it('names the data field that fails the schema', () => {
    const result = decodeEvent(
      ModelEvaluated,
      encode({ ...good(), data: { model: 'churn', accuracy: 'high' } }),
    );
    expect(result).toMatchObject({
      ok: false,
      reason: expect.stringContaining('invalid ModelEvaluated event: data.accuracy:'),
    });
  });
});
