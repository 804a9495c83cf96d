import { z } from 'zod';
import { defineEvent } from '../../core/event-definition';
import { runIdSchema, tagSchema, TRACKING_LIMITS } from '../shared';

/** A client set up to 100 tags of a run; a tag set again takes the new value. */
export const tagsSetSchema = z.object({
  runId: runIdSchema,
  tags: z.array(tagSchema).min(1).max(TRACKING_LIMITS.tagsPerEvent).describe('1 to 100 tags'),
});
export type TagsSetData = z.infer<typeof tagsSetSchema>;

export const TagsSet = defineEvent({
  name: 'TagsSet',
  type: 'dev.slipway.tracking.run.tags.set.v1',
  subject: 'ingest.runs.{runId}.tags',
  stream: 'ingest',
  schema: tagsSetSchema,
  description: 'A client set tags of a run (at most 100 per event).',
});
