import { event } from '../models';
import { alice, MODEL, promotedTo, registered, versionCreated } from '../models/model.fixtures';
import { advanceTimeline, emptyTimeline, type ModelTimeline } from './model-timeline';

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));

describe('model timeline', () => {
  test('timeline - a version event touches that version and the model; a re-registration starts over', () => {
    let t: ModelTimeline = emptyTimeline;
    t = advanceTimeline(t, registered, at(1));
    t = advanceTimeline(t, versionCreated(1), at(2));
    t = advanceTimeline(t, versionCreated(2), at(3));
    t = advanceTimeline(t, promotedTo(1, 'staging', null), at(4));
    t = advanceTimeline(
      t,
      event('ModelDescriptionSet', { model: MODEL, version: null, description: 'd', setBy: alice }),
      at(5),
    );
    expect(t).toEqual({
      createdAt: at(1),
      updatedAt: at(5),
      versions: { 1: { createdAt: at(2), updatedAt: at(4) }, 2: { createdAt: at(3), updatedAt: at(3) } },
    });
    expect(advanceTimeline(t, registered, at(9))).toEqual({
      createdAt: at(9),
      updatedAt: at(9),
      versions: {},
    });
  });
});
