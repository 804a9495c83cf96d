import type { ModelView } from '@slipway/contracts';
import type { ModelState } from '../models';
import { emptyTimeline, type ModelTimeline } from './model-timeline';

const iso = (d: Date | null | undefined): string | null => d?.toISOString() ?? null;

/** The view of a folded model state (what a time-travel read and a command reply return). */
export function toModelView(
  state: ModelState,
  streamVersion: number,
  timeline: ModelTimeline = emptyTimeline,
): ModelView {
  return {
    name: state.name,
    description: state.description,
    tags: { ...state.tags },
    versions: Object.values(state.versions)
      .sort((a, b) => a.number - b.number)
      .map((v) => ({
        version: v.number,
        source: v.source,
        runId: v.runId,
        flavor: v.flavor,
        signature: v.signature,
        metrics: { ...v.metrics },
        tags: { ...v.tags },
        status: v.status,
        description: v.description,
        createdBy: v.createdBy,
        createdAt: iso(timeline.versions[v.number]?.createdAt),
        updatedAt: iso(timeline.versions[v.number]?.updatedAt),
      })),
    aliases: { ...state.aliases },
    openRequests: Object.values(state.requests)
      .filter((r) => r.status === 'open')
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((r) => ({
        id: r.id,
        version: r.version,
        alias: r.alias,
        requestedBy: r.requestedBy,
        reason: r.reason,
        gates: [...r.gates],
        requiresApproval: r.requiresApproval,
      })),
    streamVersion,
    createdAt: iso(timeline.createdAt),
    updatedAt: iso(timeline.updatedAt),
  };
}
