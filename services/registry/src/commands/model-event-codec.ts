import {
  AliasRemoved,
  ModelPromoted,
  ModelVersionArchived,
  ModelVersionCreated,
  ModelVersionDeleted,
  parseOrThrow,
  PromotionApproved,
  PromotionRejected,
  PromotionRequested,
  RegisteredModelCreated,
  RegisteredModelDeleted,
  RegisteredModelRenamed,
} from '@slipway/contracts';
import { z } from 'zod';
import type { EventMetadata, NewEvent, StoredEvent } from '../event-store';
import { upcast } from './event-upcasters';
import { REGISTRY_UPCASTERS } from './registry-upcasters';
import {
  aliasRolledBackSchema,
  modelDescriptionSetSchema,
  type ModelEvent,
  type ModelEventType,
  tagsSetSchema,
  versionMetricsRecordedSchema,
} from '../models';

interface Codec {
  readonly storedType: string;
  readonly schema: z.ZodType;
}

const internal = (name: string, schema: z.ZodType, version = 1): Codec => ({
  storedType: `dev.slipway.registry.internal.${name}.v${version}`,
  schema,
});

/**
 * How each aggregate event is stored: public ones under their contract's CloudEvents type (so the
 * relay publishes them), internal ones under a `dev.slipway.registry.internal.*` type.
 */
const CODECS: Readonly<Record<ModelEventType, Codec>> = {
  RegisteredModelCreated: { storedType: RegisteredModelCreated.type, schema: RegisteredModelCreated.schema },
  ModelVersionCreated: { storedType: ModelVersionCreated.type, schema: ModelVersionCreated.schema },
  PromotionRequested: { storedType: PromotionRequested.type, schema: PromotionRequested.schema },
  PromotionApproved: { storedType: PromotionApproved.type, schema: PromotionApproved.schema },
  PromotionRejected: { storedType: PromotionRejected.type, schema: PromotionRejected.schema },
  ModelPromoted: { storedType: ModelPromoted.type, schema: ModelPromoted.schema },
  AliasRemoved: { storedType: AliasRemoved.type, schema: AliasRemoved.schema },
  ModelVersionArchived: { storedType: ModelVersionArchived.type, schema: ModelVersionArchived.schema },
  VersionMetricsRecorded: internal('version-metrics-recorded', versionMetricsRecordedSchema),
  ModelDescriptionSet: internal('model-description-set', modelDescriptionSetSchema, 2),
  TagsSet: internal('tags-set', tagsSetSchema),
  AliasRolledBack: internal('alias-rolled-back', aliasRolledBackSchema),
  RegisteredModelRenamed: { storedType: RegisteredModelRenamed.type, schema: RegisteredModelRenamed.schema },
  RegisteredModelDeleted: { storedType: RegisteredModelDeleted.type, schema: RegisteredModelDeleted.schema },
  ModelVersionDeleted: { storedType: ModelVersionDeleted.type, schema: ModelVersionDeleted.schema },
};

const BY_STORED_TYPE = new Map(
  Object.entries(CODECS).map(([type, codec]) => [codec.storedType, { type, schema: codec.schema }]),
);

/** An aggregate event as the event store takes it. */
export function toNewEvent(event: ModelEvent, metadata: EventMetadata): NewEvent {
  const codec = CODECS[event.type];
  // Encoded: a metric of NaN or Infinity is stored in its wire form, not as JSON null.
  return { type: codec.storedType, data: z.encode(codec.schema, event.data), metadata };
}

/**
 * A stored event back as an aggregate event of the current schema: upcast first when it was
 * stored under an older `.vN`, then parsed; `undefined` for a type not of the model aggregate.
 */
export function toModelEvent(stored: Pick<StoredEvent, 'type' | 'data'>): ModelEvent | undefined {
  const current = upcast(stored, REGISTRY_UPCASTERS);
  const codec = BY_STORED_TYPE.get(current.type);
  if (!codec) return undefined;
  const data = parseOrThrow(codec.schema, current.data, `stored ${stored.type}`);
  return { type: codec.type, data } as ModelEvent;
}

/** The aggregate events of a stream read, in order (foreign types skipped). */
export function toModelEvents(stored: readonly StoredEvent[]): ModelEvent[] {
  return stored.flatMap((e) => {
    const event = toModelEvent(e);
    return event ? [event] : [];
  });
}
