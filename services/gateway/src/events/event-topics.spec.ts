import { modelFilterOf, subjectsOfTopic } from './event-topics';

describe('event topics - what a live-event client may follow', () => {
  test('run:<id> follows the run on NATS ingest and on the HTTP API', () => {
    expect(subjectsOfTopic('slipway', 'run:abc_1')).toEqual([
      'slipway.ingest.runs.abc_1.>',
      'slipway.live.runs.abc_1.>',
      'slipway.ingest.metrics.batch',
    ]);
  });

  test('model:<name> follows registry events and filters on the model', () => {
    expect(subjectsOfTopic('t1', 'model:churn')).toEqual(['t1.evt.registry.>']);
    expect(modelFilterOf('model:churn')).toBe('churn');
    expect(modelFilterOf('models')).toBeUndefined();
  });

  test('a wildcard or unknown topic is refused naming it', () => {
    expect(() => subjectsOfTopic('slipway', 'run:>')).toThrow(/run:>/);
    expect(() => subjectsOfTopic('slipway', 'run:a.b')).toThrow(/letters, digits/);
    expect(() => subjectsOfTopic('slipway', 'secrets')).toThrow(/unknown topic 'secrets'/);
  });
});
