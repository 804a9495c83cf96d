import { toModelEvent } from '../commands/model-event-codec';
import type { StoredEvent } from '../event-store';
import { evolve, initialState, type ModelEvent, type ModelState } from '../models';
import { advanceTimeline, emptyTimeline, type ModelTimeline } from './model-timeline';

/** A model folded from its stream: the aggregate state, its times and where in the log it stands. */
export interface FoldedModel {
  readonly streamId: string;
  readonly state: ModelState;
  readonly timeline: ModelTimeline;
  /** The version of the stream's last event (0 when none). */
  readonly streamVersion: number;
  /** The global position of that event (0 when none). */
  readonly position: number;
}

export const emptyFold = (streamId: string): FoldedModel => ({
  streamId,
  state: initialState,
  timeline: emptyTimeline,
  streamVersion: 0,
  position: 0,
});

/** Folds one event into the model, as `evolve` does, keeping its times and position. */
export function foldOne(
  folded: FoldedModel,
  event: ModelEvent,
  at: Date,
  streamVersion: number,
  position: number,
): FoldedModel {
  return {
    streamId: folded.streamId,
    state: evolve(folded.state, event),
    timeline: advanceTimeline(folded.timeline, event, at),
    streamVersion,
    position,
  };
}

/** Folds stored events (foreign types only move the stream version and position). */
export function foldStored(
  stored: readonly StoredEvent[],
  from: FoldedModel = emptyFold(stored[0]?.streamId ?? ''),
): FoldedModel {
  return stored.reduce((folded, e) => {
    const event = toModelEvent(e);
    if (!event) return { ...folded, streamVersion: e.version, position: e.position };
    return foldOne(folded, event, e.recordedAt, e.version, e.position);
  }, from);
}
