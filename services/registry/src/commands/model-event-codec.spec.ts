import { ModelPromoted } from '@slipway/contracts';
import { event, type ModelEvent } from '../models';
import { alice, MODEL, promotedTo, registered, versionCreated } from '../models/model.fixtures';
import { modelStreamId, toModelEvent, toNewEvent } from './model-event-codec';

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
});
