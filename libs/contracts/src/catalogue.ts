import type { EventDefinition } from './core/event-definition';
import type { RpcDefinition } from './core/rpc-definition';
import * as notifier from './events/notifier';
import * as pipeline from './events/pipeline';
import * as registry from './events/registry';
import * as serving from './events/serving';
import * as tracking from './events/tracking';
import { HEALTH_RPCS } from './rpc/health-rpcs';
import { REGISTRY_RPCS } from './rpc/registry';
import { TRACKING_RPCS } from './rpc/tracking';

/** Every event and command of Slipway, in catalogue order (by service, then lifecycle). */
export const ALL_EVENTS: readonly EventDefinition[] = Object.freeze([
  tracking.RunStarted,
  tracking.ParamsLogged,
  tracking.MetricsLogged,
  tracking.TagsSet,
  tracking.RunFinished,
  tracking.ExperimentCreated,
  tracking.RunCreated,
  tracking.RunStatusChanged,
  registry.RegisteredModelCreated,
  registry.ModelVersionCreated,
  registry.PromotionRequested,
  registry.PromotionApproved,
  registry.PromotionRejected,
  registry.ModelPromoted,
  registry.AliasRemoved,
  registry.ModelVersionArchived,
  pipeline.PipelineRunQueued,
  pipeline.PipelineRunStarted,
  pipeline.PipelineRunFinished,
  pipeline.TaskStarted,
  pipeline.TaskSucceeded,
  pipeline.TaskFailed,
  pipeline.ApprovalRequested,
  pipeline.DecisionReceived,
  pipeline.RunPipelineTask,
  serving.ModelLoaded,
  serving.DriftDetected,
  notifier.NotificationDelivered,
  notifier.NotificationFailed,
  registry.RegisteredModelRenamed,
  registry.RegisteredModelDeleted,
  registry.ModelVersionDeleted,
  tracking.MetricsBatchLogged,
]);

/** Every request/reply operation of Slipway. */
export const ALL_RPCS: readonly RpcDefinition[] = Object.freeze([
  ...Object.values(HEALTH_RPCS),
  ...TRACKING_RPCS,
  ...REGISTRY_RPCS,
]);

/** Indexes event definitions by CloudEvents type; throws if two share a type. */
export function eventCatalogue(defs: readonly EventDefinition[] = ALL_EVENTS): Map<string, EventDefinition> {
  const byType = new Map<string, EventDefinition>();
  for (const def of defs) {
    const existing = byType.get(def.type);
    if (existing) throw new Error(`events ${existing.name} and ${def.name} share the type ${def.type}`);
    byType.set(def.type, def);
  }
  return byType;
}

let defaultCatalogue: Map<string, EventDefinition> | undefined;

/** The definition of a CloudEvents type, or `undefined` if Slipway does not know it. */
export function eventByType(type: string): EventDefinition | undefined {
  defaultCatalogue ??= eventCatalogue();
  return defaultCatalogue.get(type);
}
