import { ModelPromoted } from '@slipway/contracts';
import { event, type ModelEvent } from '../models';
import { alice, MODEL, promotedTo, registered, versionCreated } from '../models/model.fixtures';
import { toModelEvent, toNewEvent } from './model-event-codec';
import { modelStreamId } from './model-streams';

const roundTrip = (e: ModelEvent) => {
  const stored = toNewEvent(e, { actor: alice });
  return toModelEvent({ type: stored.type, data: JSON.parse(JSON.stringify(stored.data)) });
};

describe('model event codec', () => {
  test('codec - public events are stored under their contract type and read back equal', () => {
    expect(toNewEvent(promotedTo(2, 'production', 1), { actor: alice }).type).toBe(ModelPromoted.type);
    for (const e of [registered, versionCreated(1), promotedTo(2, 'production', 1)])
      expect(roundTrip(e)).toEqual(e);
  });

  test('codec - internal events get an internal type and keep non-finite metrics', () => {
    const metrics = event('VersionMetricsRecorded', {
      model: MODEL,
      version: 1,
      metrics: { f1: 0.5, loss: Number.NaN },
    });
    expect(toNewEvent(metrics, { actor: alice }).type).toBe(
      'dev.slipway.registry.internal.version-metrics-recorded.v1',
    );
    expect(roundTrip(metrics)).toEqual(metrics);
  });

  test('codec - a foreign type is skipped, the stream id is model-<name>', () => {
    expect(toModelEvent({ type: 'dev.other.v1', data: {} })).toBeUndefined();
    expect(modelStreamId('churn')).toBe('model-churn');
  });

  test('codec - a stored v1 description event (model only, no version field) is read as v2 with version null', () => {
    const v1 = {
      type: 'dev.slipway.registry.internal.model-description-set.v1',
      data: { model: MODEL, description: 'churn in 30 days', setBy: alice },
    };
    expect(toModelEvent(v1)).toEqual(
      event('ModelDescriptionSet', {
        model: MODEL,
        version: null,
        description: 'churn in 30 days',
        setBy: alice,
      }),
    );
    const v2 = toNewEvent(
      event('ModelDescriptionSet', { model: MODEL, version: 3, description: 'x', setBy: alice }),
      {
        actor: alice,
      },
    );
    expect(v2.type).toBe('dev.slipway.registry.internal.model-description-set.v2');
    expect(toModelEvent({ type: v2.type, data: v2.data })).toMatchObject({ data: { version: 3 } });
  });
});
