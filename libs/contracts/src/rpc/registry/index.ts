export * from './registry-views';
export * from './gate-metrics';
export * from './health.rpc';
export * from './register-model.rpc';
export * from './create-model-version.rpc';
export * from './request-promotion.rpc';
export * from './approve-promotion.rpc';
export * from './reject-promotion.rpc';
export * from './promote-model-version.rpc';
export * from './roll-back-alias.rpc';
export * from './remove-alias.rpc';
export * from './archive-model-version.rpc';
export * from './get-model.rpc';
export * from './get-alias-holder.rpc';
export * from './model-history.rpc';
export * from './rebuild-read-models.rpc';
export * from './registry-search-views';
export * from './search-models.rpc';
export * from './set-model-tags.rpc';
export * from './delete-model-tag.rpc';
export * from './set-model-description.rpc';
export * from './rename-model.rpc';
export * from './delete-model.rpc';
export * from './get-latest-versions.rpc';
export * from './get-model-version.rpc';
export * from './search-model-versions.rpc';
export * from './set-model-version-tags.rpc';
export * from './delete-model-version-tag.rpc';
export * from './set-model-version-description.rpc';
export * from './delete-model-version.rpc';
export * from './transition-model-version-stage.rpc';

import { RegisterModel } from './register-model.rpc';
import { CreateModelVersion } from './create-model-version.rpc';
import { RequestPromotion } from './request-promotion.rpc';
import { ApprovePromotion } from './approve-promotion.rpc';
import { RejectPromotion } from './reject-promotion.rpc';
import { PromoteModelVersion } from './promote-model-version.rpc';
import { RollBackAlias } from './roll-back-alias.rpc';
import { RemoveAlias } from './remove-alias.rpc';
import { ArchiveModelVersion } from './archive-model-version.rpc';
import { GetModel } from './get-model.rpc';
import { GetAliasHolder } from './get-alias-holder.rpc';
import { GetModelHistory } from './model-history.rpc';
import { RebuildReadModels } from './rebuild-read-models.rpc';
import { SearchModels } from './search-models.rpc';
import { SetModelTags } from './set-model-tags.rpc';
import { DeleteModelTag } from './delete-model-tag.rpc';
import { SetModelDescription } from './set-model-description.rpc';
import { RenameModel } from './rename-model.rpc';
import { DeleteModel } from './delete-model.rpc';
import { GetLatestVersions } from './get-latest-versions.rpc';
import { GetModelVersion } from './get-model-version.rpc';
import { SearchModelVersions } from './search-model-versions.rpc';
import { SetModelVersionTags } from './set-model-version-tags.rpc';
import { DeleteModelVersionTag } from './delete-model-version-tag.rpc';
import { SetModelVersionDescription } from './set-model-version-description.rpc';
import { DeleteModelVersion } from './delete-model-version.rpc';
import { TransitionModelVersionStage } from './transition-model-version-stage.rpc';

/** Every request/reply operation of the registry service besides health. */
export const REGISTRY_RPCS = [
  RegisterModel,
  CreateModelVersion,
  RequestPromotion,
  ApprovePromotion,
  RejectPromotion,
  PromoteModelVersion,
  RollBackAlias,
  RemoveAlias,
  ArchiveModelVersion,
  GetModel,
  GetAliasHolder,
  GetModelHistory,
  RebuildReadModels,
  SearchModels,
  SetModelTags,
  DeleteModelTag,
  SetModelDescription,
  RenameModel,
  DeleteModel,
  GetLatestVersions,
  GetModelVersion,
  SearchModelVersions,
  SetModelVersionTags,
  DeleteModelVersionTag,
  SetModelVersionDescription,
  DeleteModelVersion,
  TransitionModelVersionStage,
] as const;
