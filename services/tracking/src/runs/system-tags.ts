import { runIdSchema, type Tag } from '@slipway/contracts';
import type { Run } from './run.entity';

/**
 * Tags MLflow clients set on runs for what Slipway also keeps as columns. They are kept in step
 * so filters and clients that use either (`tags."mlflow.runName"`, `attributes.run_name`) agree.
 */
export const MlflowTags = {
  RUN_NAME: 'mlflow.runName',
  USER: 'mlflow.user',
  SOURCE_NAME: 'mlflow.source.name',
  GIT_COMMIT: 'mlflow.source.git.commit',
  PARENT_RUN_ID: 'mlflow.parentRunId',
} as const;

/** The attributes of a run that MLflow clients may give either as fields or as system tags. */
export type StartAttributes = Pick<Run, 'runName' | 'userId' | 'sourceName' | 'gitCommit' | 'parentRunId'>;

/** Each attribute from its field when given, else from its system tag (a parent id only if it is a valid run id). */
export function startAttributes(
  given: Partial<Record<keyof StartAttributes, string>> & { tags: readonly Tag[] },
): StartAttributes {
  const fromTags = new Map(given.tags.map((t) => [t.key, t.value]));
  const parentTag = runIdSchema.safeParse(fromTags.get(MlflowTags.PARENT_RUN_ID));
  return {
    runName: given.runName ?? fromTags.get(MlflowTags.RUN_NAME) ?? null,
    userId: given.userId ?? fromTags.get(MlflowTags.USER) ?? null,
    sourceName: given.sourceName ?? fromTags.get(MlflowTags.SOURCE_NAME) ?? null,
    gitCommit: given.gitCommit ?? fromTags.get(MlflowTags.GIT_COMMIT) ?? null,
    parentRunId: given.parentRunId ?? (parentTag.success ? parentTag.data : null),
  };
}

/** The given tags with the system tags set to the run's attributes (the attributes win). */
export function withSystemTags(tags: readonly Tag[], attributes: StartAttributes): Tag[] {
  const merged = new Map(tags.map((t) => [t.key, t.value]));
  const system: [string, string | null][] = [
    [MlflowTags.RUN_NAME, attributes.runName],
    [MlflowTags.USER, attributes.userId],
    [MlflowTags.SOURCE_NAME, attributes.sourceName],
    [MlflowTags.GIT_COMMIT, attributes.gitCommit],
    [MlflowTags.PARENT_RUN_ID, attributes.parentRunId],
  ];
  for (const [key, value] of system) if (value !== null) merged.set(key, value);
  return [...merged].map(([key, value]) => ({ key, value }));
}
