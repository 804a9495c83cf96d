import type { SlipwayError } from '@slipway/contracts';

type Details = Record<string, unknown>;
const text = (d: Details, key: string): string | undefined =>
  typeof d[key] === 'string' || typeof d[key] === 'number' ? String(d[key]) : undefined;

/** MLflow's wording (its SQL stores') of the refusals an MLflow user meets most, by Slipway code. */
const WORDING: Readonly<Partial<Record<string, (d: Details) => string | undefined>>> = {
  'TRACKING.RUN_NOT_FOUND': (d) => text(d, 'runId') && `Run with id=${text(d, 'runId')} not found`,
  'TRACKING.EXPERIMENT_NOT_FOUND': (d) =>
    text(d, 'experimentId')
      ? `No Experiment with id=${text(d, 'experimentId')} exists`
      : text(d, 'name') && `Could not find experiment with name '${text(d, 'name')}'`,
  'TRACKING.EXPERIMENT_ALREADY_EXISTS': (d) =>
    text(d, 'name') && `Experiment(name=${text(d, 'name')}) already exists.`,
  'REGISTRY.MODEL_NOT_FOUND': (d) =>
    text(d, 'model') && `Registered Model with name=${text(d, 'model')} not found`,
  'REGISTRY.MODEL_ALREADY_EXISTS': (d) =>
    text(d, 'model') && `Registered Model (name=${text(d, 'model')}) already exists.`,
  'REGISTRY.VERSION_NOT_FOUND': (d) =>
    text(d, 'model') &&
    text(d, 'version') &&
    `Model Version (name=${text(d, 'model')}, version=${text(d, 'version')}) not found`,
  'REGISTRY.ALIAS_NOT_FOUND': (d) =>
    text(d, 'alias') && `Registered model alias ${text(d, 'alias')} not found.`,
};

/** MLflow's message for this error, or `undefined` to keep Slipway's (which names the same thing). */
export function mlflowMessageOf(err: SlipwayError): string | undefined {
  const word = WORDING[err.code];
  return word && err.details ? word(err.details) || undefined : undefined;
}
