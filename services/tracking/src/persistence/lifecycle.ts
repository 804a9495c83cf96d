import { z } from 'zod';

/** Whether an experiment or run is live or soft-deleted (MLflow's `LifecycleStage`). */
export const lifecycleStageSchema = z.enum(['active', 'deleted']);
export type LifecycleStage = z.infer<typeof lifecycleStageSchema>;

/** Which lifecycle stages a listing returns (MLflow's `ViewType`); default `ACTIVE_ONLY`. */
export const viewTypeSchema = z.enum(['ACTIVE_ONLY', 'DELETED_ONLY', 'ALL']);
export type ViewType = z.infer<typeof viewTypeSchema>;

/** The lifecycle stages a view type shows. */
export function stagesOf(viewType: ViewType): LifecycleStage[] {
  if (viewType === 'ACTIVE_ONLY') return ['active'];
  if (viewType === 'DELETED_ONLY') return ['deleted'];
  return ['active', 'deleted'];
}
