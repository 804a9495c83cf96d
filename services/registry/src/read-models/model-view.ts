import type { ModelView } from '@slipway/contracts';
import type { ModelState } from '../models';

/** The view of a folded model state (what a time-travel read returns). */
export function toModelView(state: ModelState, streamVersion: number): ModelView {
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
        description: null,
        createdBy: null,
        createdAt: null,
        updatedAt: null,
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
    createdAt: null,
    updatedAt: null,
  };
}
