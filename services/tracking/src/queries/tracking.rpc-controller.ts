import { Controller } from '@nestjs/common';
import {
  CompareRuns,
  CompareRunsColumns,
  CreateExperiment,
  GetBestRun,
  GetDownsampledHistory,
  GetExperiment,
  GetMetricHistory,
  GetMetricHistoryBulkInterval,
  GetRun,
  type RpcRequest,
  type RpcResponse,
  SearchRuns,
} from '@slipway/contracts';
import { RpcMethod } from '@slipway/runtime';
import { CompareColumnsService } from './compare-columns.service';
import { CompareRunsService } from './compare-runs.service';
import { RpcWireMethod } from './rpc-wire-method.decorator';
import { SearchRunsService } from './search-runs.service';
import { TrackingQueriesService } from './tracking-queries.service';

/** Request/reply of the tracking service (`slipway.rpc.tracking.*`): parse, delegate, return. */
@Controller()
export class TrackingRpcController {
  constructor(
    private readonly queries: TrackingQueriesService,
    private readonly comparisons: CompareRunsService,
    private readonly searches: SearchRunsService,
    private readonly columns: CompareColumnsService,
  ) {}

  @RpcMethod(CreateExperiment)
  createExperiment(
    request: RpcRequest<typeof CreateExperiment>,
  ): Promise<RpcResponse<typeof CreateExperiment>> {
    return this.queries.createExperiment(request);
  }

  @RpcMethod(GetExperiment)
  getExperiment(request: RpcRequest<typeof GetExperiment>): Promise<RpcResponse<typeof GetExperiment>> {
    return this.queries.getExperiment(request);
  }

  @RpcMethod(GetRun)
  getRun(request: RpcRequest<typeof GetRun>): Promise<RpcResponse<typeof GetRun>> {
    return this.queries.getRun(request);
  }

  @RpcMethod(CompareRuns)
  compare(request: RpcRequest<typeof CompareRuns>): Promise<RpcResponse<typeof CompareRuns>> {
    return this.comparisons.compare(request);
  }

  @RpcWireMethod(CompareRunsColumns)
  compareColumns(
    request: RpcRequest<typeof CompareRunsColumns>,
  ): Promise<RpcResponse<typeof CompareRunsColumns>> {
    return this.columns.compareColumns(request);
  }

  @RpcMethod(SearchRuns)
  search(request: RpcRequest<typeof SearchRuns>): Promise<RpcResponse<typeof SearchRuns>> {
    return this.searches.searchRuns(request);
  }

  @RpcMethod(GetMetricHistory)
  history(request: RpcRequest<typeof GetMetricHistory>): Promise<RpcResponse<typeof GetMetricHistory>> {
    return this.queries.metricHistory(request);
  }

  @RpcMethod(GetMetricHistoryBulkInterval)
  historyBulkInterval(
    request: RpcRequest<typeof GetMetricHistoryBulkInterval>,
  ): Promise<RpcResponse<typeof GetMetricHistoryBulkInterval>> {
    return this.queries.historyBulkInterval(request);
  }

  @RpcMethod(GetDownsampledHistory)
  downsampled(
    request: RpcRequest<typeof GetDownsampledHistory>,
  ): Promise<RpcResponse<typeof GetDownsampledHistory>> {
    return this.queries.downsampledHistory(request);
  }

  @RpcMethod(GetBestRun)
  best(request: RpcRequest<typeof GetBestRun>): Promise<RpcResponse<typeof GetBestRun>> {
    return this.queries.bestRun(request);
  }
}
