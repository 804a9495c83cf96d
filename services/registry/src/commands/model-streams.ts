import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Queryable } from '../event-store';

const streamRows = z.array(z.object({ stream_id: z.string() }));

/** The stream a model name was first registered on; later ones get {@link freshModelStreamId}. */
export const modelStreamId = (model: string): string => `model-${model}`;

/** A stream for a name whose `model-<name>` stream holds another (renamed) model. */
export const freshModelStreamId = (): string => `model-${randomUUID()}`;

/**
 * The stream that holds the live model named `model`, from the read model (written in each
 * append's transaction, so as fresh as the last commit). A name with no live model gets
 * `model-<name>`, where its earlier history, if any, lives; except for a registration when that
 * stream holds a live model under another name (it was renamed): then a fresh stream.
 * A rename committing after this lookup makes the caller's append lose its expected-version race
 * (the rename is on the same stream), and the retry looks the name up again.
 */
export async function streamOfModel(q: Queryable, model: string, registering: boolean): Promise<string> {
  const [live] = streamRows.parse(await q.query('SELECT stream_id FROM models WHERE name = $1', [model]));
  if (live) return live.stream_id;
  const byName = modelStreamId(model);
  if (!registering) return byName;
  const [taken] = streamRows.parse(
    await q.query('SELECT stream_id FROM models WHERE stream_id = $1', [byName]),
  );
  return taken ? freshModelStreamId() : byName;
}
