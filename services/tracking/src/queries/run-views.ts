import type {
  ExperimentView,
  MetricSummary as MetricSummaryView,
  RunInfoView,
  RunView,
} from '@slipway/contracts';
import type { Experiment } from '../experiments/experiment.entity';
import type { MetricSummary } from '../metrics';
import type { Run, RunDetails } from '../runs/run.entity';

/** A run's attributes as the RPCs return them. */
export function runInfoView(run: Run): RunInfoView {
  return {
    runId: run.runId,
    experimentId: run.experimentId,
    runName: run.runName,
    status: run.status,
    startTime: run.startTime,
    endTime: run.endTime,
    userId: run.userId,
    sourceName: run.sourceName,
    gitCommit: run.gitCommit,
    parentRunId: run.parentRunId,
    lifecycleStage: run.lifecycleStage,
    artifactUri: run.artifactUri,
  };
}

export function metricSummaryView(summary: MetricSummary): MetricSummaryView {
  const { key, latest, step, timestamp, min, max, count } = summary;
  return { key, latest, step, timestamp, min, max, count };
}

/** A run with params, tags and the summaries of its metrics. */
export function runView(details: RunDetails, metrics: readonly MetricSummary[]): RunView {
  return {
    info: runInfoView(details.info),
    params: details.data.params,
    tags: details.data.tags,
    metrics: metrics.map(metricSummaryView),
  };
}

/** Groups summaries by run id. */
export function summariesByRun(summaries: readonly MetricSummary[]): Map<string, MetricSummary[]> {
  const byRun = new Map<string, MetricSummary[]>();
  for (const s of summaries) {
    const list = byRun.get(s.runId);
    if (list) list.push(s);
    else byRun.set(s.runId, [s]);
  }
  return byRun;
}

export function experimentView(experiment: Experiment): ExperimentView {
  const { experimentId, name, artifactLocation, lifecycleStage, creationTime, lastUpdateTime, tags } =
    experiment;
  return { experimentId, name, artifactLocation, lifecycleStage, creationTime, lastUpdateTime, tags };
}
