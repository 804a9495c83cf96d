import type { EventData, EventDefinition } from '../core/event-definition';
import * as n from '../events/notifier';
import * as p from '../events/pipeline';
import * as r from '../events/registry';
import * as s from '../events/serving';
import * as t from '../events/tracking';

/** A valid `data` of one event, for documentation (AsyncAPI examples) and tests. */
export interface EventExample<D extends EventDefinition = EventDefinition> {
  readonly def: D;
  readonly data: EventData<D>;
}

const example = <D extends EventDefinition>(def: D, data: EventData<D>): EventExample => ({ def, data });

const runId = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const user = { id: 'ada', kind: 'user' } as const;
const registryService = { id: 'registry', kind: 'service' } as const;
const signature = {
  inputs: [
    { name: 'tenure_months', type: 'long' },
    { name: 'monthly_charges', type: 'double' },
  ],
  outputs: [{ name: 'churn_probability', type: 'double' }],
};
const artifactUri = 'nats-obj://slipway-artifacts/runs/a1b2c3d4e5f60718293a4b5c6d7e8f90/model';
const promotion = { promotionRequestId: 'pr_01', model: 'customer-churn', version: 7, alias: 'champion' };
const task = { pipelineRunId: 'pr-2025-01-31-001', taskId: 'evaluate-1', taskName: 'evaluate', attempt: 1 };
const notification = {
  channel: 'slack',
  target: 'C0123456789',
  eventId: '5f1c1c9e-0b0e-4d5b-9f0e-2a6d3c0f4b11',
  eventType: 'dev.slipway.pipeline.approval.requested.v1',
  attempt: 1,
} as const;

/** One example per event of the catalogue, in catalogue order. */
export const EVENT_EXAMPLES: readonly EventExample[] = Object.freeze([
  example(t.RunStarted, {
    runId,
    experimentName: 'customer-churn',
    runName: 'xgb-depth-6',
    user: 'ada',
    source: 'train.py',
    gitCommit: '3f9c2a1',
    tags: [{ key: 'team', value: 'growth' }],
    startTime: 1738324800000,
  }),
  example(t.ParamsLogged, { runId, params: [{ key: 'max_depth', value: '6' }] }),
  example(t.MetricsLogged, {
    runId,
    metrics: [
      { key: 'val/auc', value: 0.912, timestamp: 1738324860000, step: 10 },
      { key: 'val/loss', value: NaN, timestamp: 1738324860000, step: 10 },
    ],
  }),
  example(t.TagsSet, { runId, tags: [{ key: 'stage', value: 'candidate' }] }),
  example(t.RunFinished, { runId, status: 'FINISHED', endTime: 1738325400000 }),
  example(t.ExperimentCreated, {
    experimentId: '12',
    name: 'customer-churn',
    artifactLocation: 'nats-obj://slipway-artifacts/experiments/12',
    createdBy: user,
  }),
  example(t.RunCreated, {
    runId,
    experimentId: '12',
    runName: 'xgb-depth-6',
    user: 'ada',
    parentRunId: null,
    startTime: 1738324800000,
  }),
  example(t.RunStatusChanged, {
    runId,
    experimentId: '12',
    from: 'RUNNING',
    to: 'FINISHED',
    endTime: 1738325400000,
  }),
  example(r.RegisteredModelCreated, {
    model: 'customer-churn',
    description: null,
    tags: [],
    createdBy: user,
  }),
  example(r.ModelVersionCreated, {
    model: 'customer-churn',
    version: 7,
    sourceRunId: runId,
    artifactUri,
    flavor: 'sklearn',
    signature,
    tags: [],
    createdBy: user,
  }),
  example(r.PromotionRequested, {
    ...promotion,
    requestedBy: { id: 'pipeline', kind: 'service' },
    reason: 'weekly retraining',
    gates: [
      {
        gate: 'auc_vs_production',
        passed: true,
        actual: 0.912,
        expected: '>= 0.905',
        message: 'AUC 0.912 ≥ 0.905',
      },
    ],
    requiresApproval: true,
  }),
  example(r.PromotionApproved, { ...promotion, approvedBy: user, comment: 'Yes' }),
  example(r.PromotionRejected, {
    ...promotion,
    rejectedBy: registryService,
    reason: 'gate auc_vs_production failed',
  }),
  example(r.ModelPromoted, {
    model: 'customer-churn',
    version: 7,
    alias: 'champion',
    previousVersion: 6,
    artifactUri,
    flavor: 'sklearn',
    signature,
    approvedBy: user,
    reason: 'weekly retraining',
    promotionRequestId: 'pr_01',
  }),
  example(r.AliasRemoved, {
    model: 'customer-churn',
    alias: 'challenger',
    version: 5,
    removedBy: user,
    reason: '',
  }),
  example(r.ModelVersionArchived, {
    model: 'customer-churn',
    version: 3,
    archivedBy: user,
    reason: 'superseded',
  }),
  example(p.PipelineRunQueued, {
    pipelineRunId: task.pipelineRunId,
    pipeline: 'churn-training',
    trigger: { kind: 'schedule', by: null, eventId: null },
    params: { train_window_days: 90 },
  }),
  example(p.PipelineRunStarted, { pipelineRunId: task.pipelineRunId, pipeline: 'churn-training' }),
  example(p.PipelineRunFinished, {
    pipelineRunId: task.pipelineRunId,
    pipeline: 'churn-training',
    status: 'succeeded',
    durationMs: 812000,
    failure: null,
  }),
  example(p.TaskStarted, { ...task, pipeline: 'churn-training', taskType: 'python', worker: 'worker-1' }),
  example(p.TaskSucceeded, { ...task, durationMs: 42000, outputs: { auc: 0.912 } }),
  example(p.TaskFailed, {
    ...task,
    durationMs: 1200,
    failure: { code: 'TASK.EXIT_CODE', message: 'exit code 1' },
    willRetry: true,
  }),
  example(p.ApprovalRequested, {
    approvalId: 'ap_01',
    pipelineRunId: task.pipelineRunId,
    taskId: 'approve-1',
    question: 'Should I deploy it?',
    options: ['Yes', 'No'],
    context: {
      columns: ['model', 'auc'],
      rows: [
        ['candidate', 0.912],
        ['production', 0.905],
      ],
    },
    expiresAt: '2025-02-01T12:00:00.000Z',
  }),
  example(p.DecisionReceived, { approvalId: 'ap_01', answer: 'Yes', by: user, via: 'slack', comment: null }),
  example(p.RunPipelineTask, {
    ...task,
    pipeline: 'churn-training',
    taskType: 'python',
    inputs: { script: 'evaluate.py' },
    timeoutSeconds: 3600,
  }),
  example(s.ModelLoaded, {
    model: 'customer-churn',
    version: 7,
    alias: 'champion',
    loadMs: 840,
    replica: 'serving-0',
  }),
  example(s.DriftDetected, {
    model: 'customer-churn',
    version: 7,
    feature: 'monthly_charges',
    statistic: 'psi',
    value: 0.31,
    threshold: 0.2,
    windowStart: '2025-01-30T00:00:00.000Z',
    windowEnd: '2025-01-31T00:00:00.000Z',
    sampleSize: 18234,
  }),
  example(n.NotificationDelivered, { ...notification }),
  example(n.NotificationFailed, { ...notification, error: 'channel_not_found', willRetry: false }),
  example(r.RegisteredModelRenamed, {
    model: 'customer-churn',
    newName: 'churn-classifier',
    renamedBy: user,
  }),
  example(r.RegisteredModelDeleted, {
    model: 'churn-poc',
    versions: 4,
    deletedBy: user,
    reason: 'abandoned',
  }),
  example(r.ModelVersionDeleted, {
    model: 'customer-churn',
    version: 2,
    deletedBy: user,
    reason: 'bad data',
  }),
  example(t.MetricsBatchLogged, {
    runs: [
      { runId, metrics: [{ key: 'loss', value: 0.31, timestamp: 1738324860000, step: 11 }] },
      {
        runId: 'b1d4e6f0a2c84e1f9a3b5c7d9e0f1a2b',
        metrics: [{ key: 'loss', value: 0.29, timestamp: 1738324860004, step: 11 }],
      },
    ],
  }),
]);
