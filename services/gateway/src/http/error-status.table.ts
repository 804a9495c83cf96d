import { CommonErrorCodes } from '@slipway/contracts';

/** MLflow's error codes (`databricks_pb2.ErrorCode`) that Slipway's codes map onto. */
export type MlflowErrorCode =
  | 'INVALID_PARAMETER_VALUE'
  | 'RESOURCE_DOES_NOT_EXIST'
  | 'RESOURCE_ALREADY_EXISTS'
  | 'INVALID_STATE'
  | 'PERMISSION_DENIED'
  | 'UNAUTHENTICATED'
  | 'REQUEST_LIMIT_EXCEEDED'
  | 'TEMPORARILY_UNAVAILABLE'
  | 'INTERNAL_ERROR'
  | 'ENDPOINT_NOT_FOUND';

interface ErrorMapping {
  status: number;
  mlflow: MlflowErrorCode;
}

const invalid: ErrorMapping = { status: 400, mlflow: 'INVALID_PARAMETER_VALUE' };
const notFound: ErrorMapping = { status: 404, mlflow: 'RESOURCE_DOES_NOT_EXIST' };
const exists: ErrorMapping = { status: 409, mlflow: 'RESOURCE_ALREADY_EXISTS' };
const conflict: ErrorMapping = { status: 409, mlflow: 'INVALID_STATE' };
const forbidden: ErrorMapping = { status: 403, mlflow: 'PERMISSION_DENIED' };
const unavailable: ErrorMapping = { status: 503, mlflow: 'TEMPORARILY_UNAVAILABLE' };

/**
 * The one table from a Slipway error code to its HTTP status and MLflow error code. Codes not
 * listed fall back on their suffix (`*_NOT_FOUND` → 404, `*_ALREADY_EXISTS` → 409, `INVALID_*` →
 * 400), then on 500.
 */
export const ERROR_STATUS_TABLE: Readonly<Record<string, ErrorMapping>> = {
  [CommonErrorCodes.VALIDATION]: invalid,
  [CommonErrorCodes.NOT_FOUND]: notFound,
  [CommonErrorCodes.CONFLICT]: conflict,
  [CommonErrorCodes.UNAVAILABLE]: unavailable,
  [CommonErrorCodes.REPLY_TOO_LARGE]: { status: 413, mlflow: 'INVALID_PARAMETER_VALUE' },
  [CommonErrorCodes.INTERNAL]: { status: 500, mlflow: 'INTERNAL_ERROR' },
  'GATEWAY.UNAUTHENTICATED': { status: 401, mlflow: 'UNAUTHENTICATED' },
  'GATEWAY.FORBIDDEN': forbidden,
  'GATEWAY.RATE_LIMITED': { status: 429, mlflow: 'REQUEST_LIMIT_EXCEEDED' },
  'GATEWAY.BODY_TOO_LARGE': { status: 413, mlflow: 'INVALID_PARAMETER_VALUE' },
  'GATEWAY.ROUTE_NOT_FOUND': { status: 404, mlflow: 'ENDPOINT_NOT_FOUND' },
  'GATEWAY.UNSUPPORTED_MEDIA_TYPE': { status: 415, mlflow: 'INVALID_PARAMETER_VALUE' },
  'TRACKING.PARAM_CONFLICT': invalid,
  'TRACKING.RUN_INVALID_STATE': conflict,
  'TRACKING.EXPERIMENT_INVALID_STATE': conflict,
  'TRACKING.METRICS_WRITE_FAILED': unavailable,
  'TRACKING.METRICS_WRITER_CLOSED': unavailable,
  'REGISTRY.GATE_FAILED': conflict,
  'REGISTRY.APPROVAL_REQUIRED': conflict,
  'REGISTRY.SELF_APPROVAL': forbidden,
  'REGISTRY.RESERVED_ALIAS': invalid,
  'REGISTRY.REQUEST_NOT_OPEN': conflict,
  'REGISTRY.VERSION_ARCHIVED': conflict,
  'REGISTRY.ALREADY_HOLDS_ALIAS': conflict,
  'REGISTRY.NOTHING_TO_ROLL_BACK': conflict,
  'REGISTRY.CONCURRENCY_CONFLICT': conflict,
  'REGISTRY.TRACKING_UNAVAILABLE': unavailable,
  'ARTIFACTS.NOT_FOUND': notFound,
  'ARTIFACTS.INVALID_PATH': invalid,
  'ARTIFACTS.TOO_LARGE': { status: 413, mlflow: 'INVALID_PARAMETER_VALUE' },
  'ARTIFACTS.CORRUPT': { status: 500, mlflow: 'INTERNAL_ERROR' },
  'ARTIFACTS.STORAGE_FAILED': unavailable,
  'ARTIFACTS.SOURCE_FAILED': invalid,
};

/** Status and MLflow code of an error code, from the table or its suffix. */
export function mappingOf(code: string): ErrorMapping {
  const listed = ERROR_STATUS_TABLE[code];
  if (listed) return listed;
  const name = code.slice(code.indexOf('.') + 1);
  if (name === 'NOT_FOUND' || name.endsWith('_NOT_FOUND')) return notFound;
  if (name.endsWith('_ALREADY_EXISTS')) return exists;
  if (name.startsWith('INVALID_') || name.endsWith('_INVALID')) return invalid;
  if (name.endsWith('_CONFLICT')) return conflict;
  return { status: 500, mlflow: 'INTERNAL_ERROR' };
}
