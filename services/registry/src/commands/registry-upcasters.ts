import { upcasterMap, withDefault } from './event-upcasters';

const internalType = (name: string, version: number) => `dev.slipway.registry.internal.${name}.v${version}`;

/**
 * The registry's upcasters, one per schema change of a stored event type (oldest first). Add one
 * here whenever a codec's stored type gets a new `.vN`: stored events are never rewritten.
 */
export const REGISTRY_UPCASTERS = upcasterMap([
  {
    // v2 describes versions too: a v1 event always described the model itself.
    from: internalType('model-description-set', 1),
    to: internalType('model-description-set', 2),
    up: withDefault('version', null),
  },
]);
