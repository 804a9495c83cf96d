import { defineEvent } from '@slipway/contracts';
import { z } from 'zod';

/** Test-only events (the real catalogue lives in libs/contracts). */
export const ThingHappened = defineEvent({
  name: 'ThingHappened',
  type: 'dev.slipway.test.thing.happened.v1',
  subject: 'evt.test.thing.happened',
  stream: 'events',
  schema: z.object({ n: z.number().int(), label: z.string() }),
  description: 'a thing happened (messaging tests)',
});

export type ThingData = z.infer<typeof ThingHappened.schema>;

export const RunPointLogged = defineEvent({
  name: 'RunPointLogged',
  type: 'dev.slipway.test.run.point.logged.v1',
  subject: 'ingest.test.runs.{runId}.points',
  stream: 'ingest',
  schema: z.object({ runId: z.string(), value: z.number() }),
  description: 'a run logged a point (messaging tests)',
});

export const TEST_EVENTS = [ThingHappened, RunPointLogged];
