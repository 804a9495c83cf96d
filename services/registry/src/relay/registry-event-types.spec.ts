import { ModelPromoted } from '@slipway/contracts';
import { REGISTRY_PUBLIC_EVENTS, publicEventOf } from './registry-event-types';

test('registry event types - every public event is found by its CloudEvents type, others are internal', () => {
  expect(publicEventOf('dev.slipway.registry.model.promoted.v1')).toBe(ModelPromoted);
  expect(publicEventOf('dev.slipway.registry.tags.set.v1')).toBeUndefined();
  expect(REGISTRY_PUBLIC_EVENTS.size).toBe(11);
  for (const [type, def] of REGISTRY_PUBLIC_EVENTS) {
    expect(def.type).toBe(type);
    expect(def.subject.startsWith('evt.registry.')).toBe(true);
  }
});
