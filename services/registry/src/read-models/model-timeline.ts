import type { ModelEvent } from '../models';

/** When a version was created and last changed. */
export interface VersionTimes {
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/**
 * When the model and each version were created and last changed, folded beside the aggregate:
 * times are the event store's (`recorded_at`), not part of any event's data.
 */
export interface ModelTimeline {
  readonly createdAt: Date | null;
  readonly updatedAt: Date | null;
  readonly versions: Readonly<Record<number, VersionTimes>>;
}

export const emptyTimeline: ModelTimeline = { createdAt: null, updatedAt: null, versions: {} };

/**
 * Folds one event recorded `at` into the timeline. A registration starts a new timeline (a name
 * registered again after a delete); an event about a version (`data.version`) touches it too.
 */
export function advanceTimeline(timeline: ModelTimeline, event: ModelEvent, at: Date): ModelTimeline {
  if (event.type === 'RegisteredModelCreated') return { createdAt: at, updatedAt: at, versions: {} };
  if (event.type === 'ModelVersionCreated') {
    const created: VersionTimes = { createdAt: at, updatedAt: at };
    return { ...timeline, updatedAt: at, versions: { ...timeline.versions, [event.data.version]: created } };
  }
  const version = 'version' in event.data ? event.data.version : null;
  const touched = typeof version === 'number' ? timeline.versions[version] : undefined;
  if (!touched) return { ...timeline, updatedAt: at };
  return {
    ...timeline,
    updatedAt: at,
    versions: { ...timeline.versions, [version as number]: { ...touched, updatedAt: at } },
  };
}
