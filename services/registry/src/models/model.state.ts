import type { Actor, GateResult, ModelSignature } from '@slipway/contracts';
import type { ModelEvent } from './model.events';

/** One version of a registered model. */
export interface ModelVersionState {
  readonly number: number;
  /** Where the model files are, e.g. `runs:/<runId>/model`. */
  readonly source: string;
  readonly runId: string | null;
  readonly flavor: string;
  readonly signature: ModelSignature | null;
  /** The run's metrics when the version was created. */
  readonly metrics: Readonly<Record<string, number>>;
  readonly tags: Readonly<Record<string, string>>;
  readonly status: 'active' | 'archived';
  readonly description: string | null;
  readonly createdBy: Actor | null;
}

/** A request to point an alias at a version, with the gate results computed when it was made. */
export interface PromotionRequestState {
  readonly id: string;
  readonly version: number;
  readonly alias: string;
  readonly requestedBy: Actor;
  readonly reason: string;
  readonly gates: readonly GateResult[];
  readonly requiresApproval: boolean;
  readonly status: 'open' | 'approved' | 'rejected';
}

/** The state of one registered model, folded from its events. */
export interface ModelState {
  /** False until `RegisteredModelCreated`, and again after `RegisteredModelDeleted`. */
  readonly exists: boolean;
  readonly name: string;
  readonly description: string | null;
  readonly tags: Readonly<Record<string, string>>;
  /** By version number. */
  readonly versions: Readonly<Record<number, ModelVersionState>>;
  /** The highest version number handed out (0 when none). */
  readonly lastVersion: number;
  /** alias → version holding it now. */
  readonly aliases: Readonly<Record<string, number>>;
  /** alias → holders in order, the current one last; roll back pops it. Cleared when the alias is removed. */
  readonly aliasHistory: Readonly<Record<string, readonly number[]>>;
  /** Every promotion request by id, open or closed. */
  readonly requests: Readonly<Record<string, PromotionRequestState>>;
}

export const initialState: ModelState = {
  exists: false,
  name: '',
  description: null,
  tags: {},
  versions: {},
  lastVersion: 0,
  aliases: {},
  aliasHistory: {},
  requests: {},
};

/** The aliases one version holds now. */
export function aliasesOf(state: ModelState, version: number): string[] {
  return Object.entries(state.aliases)
    .filter(([, holder]) => holder === version)
    .map(([alias]) => alias);
}

/** The requests still waiting for a decision. */
export function openRequests(state: ModelState): PromotionRequestState[] {
  return Object.values(state.requests).filter((r) => r.status === 'open');
}

function withTags(
  current: Readonly<Record<string, string>>,
  set: readonly { key: string; value: string }[],
  deleted: readonly string[],
): Record<string, string> {
  const next: Record<string, string> = { ...current };
  for (const key of deleted) delete next[key];
  for (const tag of set) next[tag.key] = tag.value;
  return next;
}

function withoutKey<K extends PropertyKey, V>(record: Readonly<Record<K, V>>, key: K): Record<K, V> {
  const next = { ...record };
  delete next[key];
  return next;
}

function updateVersion(
  state: ModelState,
  number: number,
  change: (v: ModelVersionState) => ModelVersionState,
): ModelState {
  const version = state.versions[number];
  if (!version) return state;
  return { ...state, versions: { ...state.versions, [number]: change(version) } };
}

function closeRequest(state: ModelState, id: string, status: 'approved' | 'rejected'): ModelState {
  const request = state.requests[id];
  if (!request) return state;
  return { ...state, requests: { ...state.requests, [id]: { ...request, status } } };
}

/** Folds one event into the state. Pure; never throws: the events already happened. */
export function evolve(state: ModelState, event: ModelEvent): ModelState {
  switch (event.type) {
    case 'RegisteredModelCreated': {
      const { model, description, tags } = event.data;
      return { ...initialState, exists: true, name: model, description, tags: withTags({}, tags, []) };
    }
    case 'ModelVersionCreated': {
      const { version, artifactUri, sourceRunId, flavor, signature, tags, createdBy } = event.data;
      const created: ModelVersionState = {
        number: version,
        source: artifactUri,
        runId: sourceRunId,
        flavor,
        signature,
        metrics: {},
        tags: withTags({}, tags, []),
        status: 'active',
        description: null,
        createdBy,
      };
      return {
        ...state,
        versions: { ...state.versions, [version]: created },
        lastVersion: Math.max(state.lastVersion, version),
      };
    }
    case 'VersionMetricsRecorded':
      return updateVersion(state, event.data.version, (v) => ({ ...v, metrics: { ...event.data.metrics } }));
    case 'PromotionRequested': {
      const d = event.data;
      const request: PromotionRequestState = {
        id: d.promotionRequestId,
        version: d.version,
        alias: d.alias,
        requestedBy: d.requestedBy,
        reason: d.reason,
        gates: d.gates,
        requiresApproval: d.requiresApproval,
        status: 'open',
      };
      return { ...state, requests: { ...state.requests, [request.id]: request } };
    }
    case 'PromotionApproved':
      return closeRequest(state, event.data.promotionRequestId, 'approved');
    case 'PromotionRejected':
      return closeRequest(state, event.data.promotionRequestId, 'rejected');
    case 'ModelPromoted': {
      const { alias, version } = event.data;
      const history = state.aliasHistory[alias] ?? [];
      // After AliasRolledBack the target is already on top: the promotion must not push it twice.
      const nextHistory = history.at(-1) === version ? history : [...history, version];
      return {
        ...state,
        aliases: { ...state.aliases, [alias]: version },
        aliasHistory: { ...state.aliasHistory, [alias]: nextHistory },
      };
    }
    case 'AliasRolledBack': {
      const { alias, toVersion } = event.data;
      const history = [...(state.aliasHistory[alias] ?? [])];
      while (history.length > 0 && history.at(-1) !== toVersion) history.pop();
      return { ...state, aliasHistory: { ...state.aliasHistory, [alias]: history } };
    }
    case 'AliasRemoved': {
      const { alias } = event.data;
      return {
        ...state,
        aliases: withoutKey(state.aliases, alias),
        aliasHistory: withoutKey(state.aliasHistory, alias),
      };
    }
    case 'ModelVersionArchived':
      return updateVersion(state, event.data.version, (v) => ({ ...v, status: 'archived' }));
    case 'ModelDescriptionSet': {
      const { version, description } = event.data;
      if (version === null) return { ...state, description };
      return updateVersion(state, version, (v) => ({ ...v, description }));
    }
    case 'RegisteredModelRenamed':
      return { ...state, name: event.data.newName };
    case 'RegisteredModelDeleted':
      return initialState;
    case 'ModelVersionDeleted':
      return { ...state, versions: withoutKey(state.versions, event.data.version) };
    case 'TagsSet': {
      const { version, tags, deletedKeys } = event.data;
      if (version === null) return { ...state, tags: withTags(state.tags, tags, deletedKeys) };
      return updateVersion(state, version, (v) => ({ ...v, tags: withTags(v.tags, tags, deletedKeys) }));
    }
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

/** Rebuilds the state from a stream's events. */
export function fold(events: readonly ModelEvent[], from: ModelState = initialState): ModelState {
  return events.reduce(evolve, from);
}
