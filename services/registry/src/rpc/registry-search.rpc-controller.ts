import { Controller } from '@nestjs/common';
import {
  GetLatestVersions,
  GetModelVersion,
  type RpcRequest,
  type RpcResponse,
  SearchModels,
  SearchModelVersions,
} from '@slipway/contracts';
import { RpcMethod } from '@slipway/runtime';
import { RegistryQueriesService } from '../read-models/registry-queries.service';
import { RegistrySearchService } from '../read-models/registry-search.service';

type Reply<D extends Parameters<typeof RpcMethod>[0]> = Promise<RpcResponse<D>>;

/** Searches and version reads over request/reply (what MLflow's registry API lists): parse, delegate, return. */
@Controller()
export class RegistrySearchRpcController {
  constructor(
    private readonly search: RegistrySearchService,
    private readonly queries: RegistryQueriesService,
  ) {}

  @RpcMethod(SearchModels)
  searchModels(request: RpcRequest<typeof SearchModels>): Reply<typeof SearchModels> {
    return this.search.searchModels(request);
  }

  @RpcMethod(SearchModelVersions)
  searchVersions(request: RpcRequest<typeof SearchModelVersions>): Reply<typeof SearchModelVersions> {
    return this.search.searchVersions(request);
  }

  @RpcMethod(GetModelVersion)
  getVersion({ model, version, asOf }: RpcRequest<typeof GetModelVersion>): Reply<typeof GetModelVersion> {
    return this.queries.getVersion(model, version, asOf);
  }

  @RpcMethod(GetLatestVersions)
  async latestVersions({
    model,
    stages,
  }: RpcRequest<typeof GetLatestVersions>): Reply<typeof GetLatestVersions> {
    return { versions: await this.queries.latestVersions(model, stages) };
  }
}
