import { z } from 'zod';
import { modelNameSchema, modelVersionSchema } from '../../events/shared/ids';
import { isoTimestampSchema } from '../../events/shared/timestamps';
import { modelVersionViewSchema } from './registry-views';

/** MLflow's (deprecated) model version stages; Staging and Production map onto the `staging` and `production` aliases. */
export const mlflowStageSchema = z.enum(['None', 'Staging', 'Production', 'Archived']);
export type MlflowStageName = z.infer<typeof mlflowStageSchema>;

/** One version with its model's name, the aliases it holds and the MLflow stage they give it. */
export const modelVersionDetailSchema = modelVersionViewSchema.extend({
  model: modelNameSchema,
  aliases: z.array(z.string()),
  /** Production when it holds `production`, else Staging when it holds `staging`; Archived when archived. */
  stage: mlflowStageSchema,
});
export type ModelVersionDetail = z.infer<typeof modelVersionDetailSchema>;

/** A registered model as a search lists it: no full version list, the latest version per stage instead. */
export const modelSummarySchema = z.object({
  name: modelNameSchema,
  description: z.string().nullable(),
  tags: z.record(z.string(), z.string()),
  aliases: z.record(z.string(), modelVersionSchema),
  /** The highest version number handed out (0 when none). */
  lastVersion: z.int().min(0),
  /** The newest version in each stage that has one (MLflow's `latest_versions`). */
  latestVersions: z.array(modelVersionDetailSchema),
  createdAt: isoTimestampSchema.nullable(),
  updatedAt: isoTimestampSchema.nullable(),
});
export type ModelSummary = z.infer<typeof modelSummarySchema>;

/** An opaque token for the next page of a search; absent for the first page. */
export const registryPageTokenSchema = z.string().min(1).max(512);
