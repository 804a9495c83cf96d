import { SlipwayError } from '@slipway/contracts';

/** Stable codes of experiment errors; the gateway maps them to MLflow's error codes. */
export const ExperimentErrorCodes = {
  /** MLflow RESOURCE_DOES_NOT_EXIST. */
  NOT_FOUND: 'TRACKING.EXPERIMENT_NOT_FOUND',
  /** MLflow RESOURCE_ALREADY_EXISTS. */
  ALREADY_EXISTS: 'TRACKING.EXPERIMENT_ALREADY_EXISTS',
  /** MLflow INVALID_STATE: the experiment is deleted (or, for restore, not deleted). */
  INVALID_STATE: 'TRACKING.EXPERIMENT_INVALID_STATE',
  /** MLflow RESOURCE_DOES_NOT_EXIST: no such tag on the experiment. */
  TAG_NOT_FOUND: 'TRACKING.EXPERIMENT_TAG_NOT_FOUND',
} as const;

/** No experiment has this id (or name). */
export class ExperimentNotFoundError extends SlipwayError {
  constructor(by: { experimentId: string } | { name: string }) {
    const what = 'experimentId' in by ? `id ${by.experimentId}` : `name ${JSON.stringify(by.name)}`;
    super(ExperimentErrorCodes.NOT_FOUND, `no experiment with ${what}`, { ...by });
    this.name = 'ExperimentNotFoundError';
  }
}

/** An active experiment already has this name. */
export class ExperimentAlreadyExistsError extends SlipwayError {
  constructor(
    readonly experimentName: string,
    readonly existingExperimentId: string | undefined,
  ) {
    super(
      ExperimentErrorCodes.ALREADY_EXISTS,
      `an active experiment named ${JSON.stringify(experimentName)} already exists` +
        (existingExperimentId === undefined ? '' : ` (id ${existingExperimentId})`),
      {
        name: experimentName,
        ...(existingExperimentId === undefined ? {} : { experimentId: existingExperimentId }),
      },
    );
    this.name = 'ExperimentAlreadyExistsError';
  }
}

/** The operation needs an active experiment and this one is deleted, or the reverse. */
export class ExperimentInvalidStateError extends SlipwayError {
  constructor(experimentId: string, expected: 'active' | 'deleted', action: string) {
    super(
      ExperimentErrorCodes.INVALID_STATE,
      `cannot ${action} experiment ${experimentId}: it must be ${expected}`,
      { experimentId, expected },
    );
    this.name = 'ExperimentInvalidStateError';
  }
}

/** The experiment has no tag with this key. */
export class ExperimentTagNotFoundError extends SlipwayError {
  constructor(experimentId: string, key: string) {
    super(
      ExperimentErrorCodes.TAG_NOT_FOUND,
      `experiment ${experimentId} has no tag ${JSON.stringify(key)}`,
      {
        experimentId,
        key,
      },
    );
    this.name = 'ExperimentTagNotFoundError';
  }
}
