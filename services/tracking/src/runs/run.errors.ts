import { SlipwayError } from '@slipway/contracts';

/** Stable codes of run, param and tag errors; the gateway maps them to MLflow's error codes. */
export const RunErrorCodes = {
  /** MLflow RESOURCE_DOES_NOT_EXIST. Ingest: the run's start may not be stored yet, so retry. */
  NOT_FOUND: 'TRACKING.RUN_NOT_FOUND',
  /** MLflow RESOURCE_ALREADY_EXISTS: the run id is taken by a run started differently. */
  ALREADY_EXISTS: 'TRACKING.RUN_ALREADY_EXISTS',
  /** MLflow INVALID_STATE: the run (or its experiment) is deleted. */
  INVALID_STATE: 'TRACKING.RUN_INVALID_STATE',
  /** MLflow INVALID_PARAMETER_VALUE: a param was logged again with another value. */
  PARAM_CONFLICT: 'TRACKING.PARAM_CONFLICT',
  /** MLflow RESOURCE_DOES_NOT_EXIST: the run has no tag of this key. */
  TAG_NOT_FOUND: 'TRACKING.RUN_TAG_NOT_FOUND',
} as const;

/** No run has this id. */
export class RunNotFoundError extends SlipwayError {
  constructor(readonly runId: string) {
    super(RunErrorCodes.NOT_FOUND, `no run with id ${runId}`, { runId });
    this.name = 'RunNotFoundError';
  }
}

/** A run with this id exists and was started with other attributes (a redelivered start is not this). */
export class RunAlreadyExistsError extends SlipwayError {
  constructor(
    readonly runId: string,
    readonly differences: { field: string; stored: unknown; given: unknown }[],
  ) {
    super(
      RunErrorCodes.ALREADY_EXISTS,
      `run ${runId} already exists with other ${differences.map((d) => d.field).join(', ')}`,
      { runId, differences },
    );
    this.name = 'RunAlreadyExistsError';
  }
}

/** The run must be active for this and is deleted, or its experiment is. */
export class RunInvalidStateError extends SlipwayError {
  constructor(runId: string, reason: string) {
    super(RunErrorCodes.INVALID_STATE, `run ${runId}: ${reason}`, { runId });
    this.name = 'RunInvalidStateError';
  }
}

/** One param whose value differs from the one logged first. */
export interface ParamConflict {
  key: string;
  /** The value stored (or, within one batch, given first). */
  loggedValue: string;
  newValue: string;
}

/** Params are immutable: logging another value for a key already logged is refused, naming it. */
export class ParamConflictError extends SlipwayError {
  override readonly permanent = true;

  constructor(
    readonly runId: string,
    readonly conflicts: ParamConflict[],
    within: 'run' | 'batch' = 'run',
  ) {
    const [first] = conflicts;
    const where = within === 'run' ? 'was logged' : 'is given earlier in the same batch';
    const more = conflicts.length > 1 ? ` (and ${conflicts.length - 1} more)` : '';
    super(
      RunErrorCodes.PARAM_CONFLICT,
      `param ${JSON.stringify(first.key)} of run ${runId} ${where} with value ${quote(first.loggedValue)}, ` +
        `cannot change it to ${quote(first.newValue)}: params are immutable${more}`,
      { runId, key: first.key, loggedValue: first.loggedValue, newValue: first.newValue, conflicts },
    );
    this.name = 'ParamConflictError';
  }
}

/** The run has no tag of this key. */
export class RunTagNotFoundError extends SlipwayError {
  constructor(runId: string, key: string) {
    super(RunErrorCodes.TAG_NOT_FOUND, `run ${runId} has no tag ${JSON.stringify(key)}`, { runId, key });
    this.name = 'RunTagNotFoundError';
  }
}

function quote(value: string): string {
  return JSON.stringify(value.length > 100 ? `${value.slice(0, 99)}…` : value);
}
