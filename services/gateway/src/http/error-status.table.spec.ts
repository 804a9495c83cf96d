import { SlipwayError, ValidationError } from '@slipway/contracts';
import { mappingOf } from './error-status.table';
import { mlflowErrorReply, restErrorReply } from './http-error';

describe('error status table - codes map to HTTP status and MLflow codes', () => {
  test.each([
    ['COMMON.VALIDATION_FAILED', 400, 'INVALID_PARAMETER_VALUE'],
    ['TRACKING.RUN_NOT_FOUND', 404, 'RESOURCE_DOES_NOT_EXIST'],
    ['ARTIFACTS.NOT_FOUND', 404, 'RESOURCE_DOES_NOT_EXIST'],
    ['SERVING.NOT_FOUND', 404, 'RESOURCE_DOES_NOT_EXIST'],
    ['REGISTRY.MODEL_ALREADY_EXISTS', 409, 'RESOURCE_ALREADY_EXISTS'],
    ['TRACKING.INVALID_FILTER', 400, 'INVALID_PARAMETER_VALUE'],
    ['REGISTRY.GATE_FAILED', 409, 'INVALID_STATE'],
    ['GATEWAY.UNAUTHENTICATED', 401, 'UNAUTHENTICATED'],
    ['GATEWAY.FORBIDDEN', 403, 'PERMISSION_DENIED'],
    ['GATEWAY.RATE_LIMITED', 429, 'REQUEST_LIMIT_EXCEEDED'],
    ['COMMON.DEPENDENCY_UNAVAILABLE', 503, 'TEMPORARILY_UNAVAILABLE'],
    ['SOMETHING.UNHEARD_OF', 500, 'INTERNAL_ERROR'],
  ])('%s is %i / %s', (code, status, mlflow) => {
    expect(mappingOf(code)).toEqual({ status, mlflow });
  });

  test('replies - REST keeps code, message and details; MLflow gives error_code and message', () => {
    const err = new ValidationError('body', [{ path: 'metrics[0].value', message: 'expected number' }]);
    expect(restErrorReply(err)).toEqual({
      status: 400,
      body: { code: 'COMMON.VALIDATION_FAILED', message: err.message, details: { issues: err.issues } },
    });
    expect(mlflowErrorReply(err)).toEqual({
      status: 400,
      body: {
        error_code: 'INVALID_PARAMETER_VALUE',
        message: 'invalid body: metrics[0].value: expected number',
      },
    });
  });

  test('replies - MLflow answers an existing name with 400, as its server does', () => {
    const reply = mlflowErrorReply(
      new SlipwayError('TRACKING.EXPERIMENT_ALREADY_EXISTS', "Experiment 'x' already exists."),
    );
    expect(reply).toEqual({
      status: 400,
      body: { error_code: 'RESOURCE_ALREADY_EXISTS', message: "Experiment 'x' already exists." },
    });
    expect(restErrorReply(new SlipwayError('TRACKING.EXPERIMENT_ALREADY_EXISTS', 'taken')).status).toBe(409);
  });

  test('replies - an unknown thrown value is a 500 that does not leak its message', () => {
    const reply = restErrorReply(new Error('password=hunter2 in connection string'));
    expect(reply.status).toBe(500);
    expect(reply.body.message).toBe('internal error');
    expect(restErrorReply(new SlipwayError('TRACKING.RUN_NOT_FOUND', 'no run x')).status).toBe(404);
  });
});
