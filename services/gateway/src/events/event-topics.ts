import { withRoot } from '@slipway/contracts';
import { ValidationError } from '@slipway/contracts';

/**
 * Topics a client may follow on `GET /api/v1/events?topics=…` and the NATS subjects behind them:
 * - `run:<runId>`: the run's telemetry as it arrives (params, metrics, tags, start/finish), from
 *   NATS ingest (including the run's share of `MetricsBatchLogged`) and from the REST/MLflow API;
 * - `runs`: every run's lifecycle events (created, status changed);
 * - `models` / `model:<name>`: registry events (requests, approvals, promotions…);
 * - `pipelines`, `serving`, `notifications`: those services' domain events.
 */
export function subjectsOfTopic(root: string, topic: string): string[] {
  const [kind, arg] = splitTopic(topic);
  switch (kind) {
    case 'run':
      return [
        withRoot(root, `ingest.runs.${token(arg, topic)}.>`),
        withRoot(root, `live.runs.${token(arg, topic)}.>`),
        withRoot(root, 'ingest.metrics.batch'),
      ];
    case 'runs':
      return [withRoot(root, 'evt.tracking.>')];
    case 'models':
    case 'model':
      return [withRoot(root, 'evt.registry.>')];
    case 'pipelines':
      return [withRoot(root, 'evt.pipeline.>')];
    case 'serving':
      return [withRoot(root, 'evt.serving.>')];
    case 'notifications':
      return [withRoot(root, 'evt.notifier.>')];
    default:
      throw new ValidationError('query', [
        {
          path: 'topics',
          message: `unknown topic '${topic}' (run:<id>, runs, models, model:<name>, pipelines, serving, notifications)`,
        },
      ]);
  }
}

/** For `model:<name>`, the model an event must be about; otherwise undefined. */
export function modelFilterOf(topic: string): string | undefined {
  const [kind, arg] = splitTopic(topic);
  return kind === 'model' ? arg : undefined;
}

/** For `run:<runId>`, the run whose share of multi-run events is kept; otherwise undefined. */
export function runFilterOf(topic: string): string | undefined {
  const [kind, arg] = splitTopic(topic);
  return kind === 'run' ? arg : undefined;
}

function splitTopic(topic: string): [string, string | undefined] {
  const i = topic.indexOf(':');
  return i < 0 ? [topic, undefined] : [topic.slice(0, i), topic.slice(i + 1)];
}

function token(value: string | undefined, topic: string): string {
  if (!value || !/^[A-Za-z0-9_-]{1,64}$/.test(value))
    throw new ValidationError('query', [
      { path: 'topics', message: `'${topic}' needs a run id of letters, digits, - or _` },
    ]);
  return value;
}
