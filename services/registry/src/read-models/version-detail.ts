import type { MlflowStageName, ModelVersionDetail, ModelVersionView } from '@slipway/contracts';
import { STAGE_ALIASES } from '../models';

/** The MLflow stage a version shows: Archived when archived, else Production wins over Staging. */
export function stageOfView(version: ModelVersionView, aliases: readonly string[]): MlflowStageName {
  if (version.status === 'archived') return 'Archived';
  if (aliases.includes(STAGE_ALIASES.Production)) return 'Production';
  if (aliases.includes(STAGE_ALIASES.Staging)) return 'Staging';
  return 'None';
}

/** A version with its model's name, the aliases it holds (sorted) and its stage. */
export function toVersionDetail(
  model: string,
  version: ModelVersionView,
  aliases: Readonly<Record<string, number>>,
): ModelVersionDetail {
  const held = Object.entries(aliases)
    .filter(([, v]) => v === version.version)
    .map(([alias]) => alias)
    .sort();
  return { ...version, model, aliases: held, stage: stageOfView(version, held) };
}

const STAGE_ORDER: readonly MlflowStageName[] = ['None', 'Staging', 'Production', 'Archived'];

/** MLflow's latest versions: the highest-numbered version in each stage asked for (all when none). */
export function latestPerStage(
  versions: readonly ModelVersionDetail[],
  stages: readonly MlflowStageName[] = [],
): ModelVersionDetail[] {
  const wanted = stages.length > 0 ? stages : STAGE_ORDER;
  return STAGE_ORDER.filter((stage) => wanted.includes(stage)).flatMap((stage) => {
    const inStage = versions.filter((v) => v.stage === stage);
    const latest = inStage.reduce<ModelVersionDetail | undefined>(
      (best, v) => (best === undefined || v.version > best.version ? v : best),
      undefined,
    );
    return latest ? [latest] : [];
  });
}
