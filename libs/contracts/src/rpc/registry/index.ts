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
] as const;
