import { subjectMatches } from './subject-match';

test.each([
  ['slipway.evt.registry.>', 'slipway.evt.registry.model.promoted', true],
  ['slipway.evt.registry.>', 'slipway.evt.registry', false],
  ['slipway.evt.registry.>', 'slipway.evt.tracking.run', false],
  ['slipway.ingest.runs.r1.>', 'slipway.ingest.runs.r1.metrics', true],
  ['slipway.ingest.runs.r1.>', 'slipway.ingest.runs.r10.metrics', false],
  ['slipway.ingest.metrics.batch', 'slipway.ingest.metrics.batch', true],
  ['slipway.ingest.metrics.batch', 'slipway.ingest.metrics.batch.x', false],
  ['slipway.*.runs', 'slipway.live.runs', true],
  ['slipway.*.runs', 'slipway.live.runs.r1', false],
  ['slipway.*', 'slipway', false],
])('subject match - %s against %s is %s', (pattern, subject, expected) => {
  expect(subjectMatches(pattern, subject)).toBe(expected);
});
