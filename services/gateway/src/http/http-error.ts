import { CommonErrorCodes, type ErrorBody, SlipwayError } from '@slipway/contracts';
import { mappingOf, type MlflowErrorCode } from './error-status.table';

/** An error raised by the gateway itself (auth, limits, routing). */
export class GatewayError extends SlipwayError {
  constructor(code: `GATEWAY.${string}`, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
    this.name = 'GatewayError';
  }
}

/** Fastify's own errors carry a `statusCode` and a `code` such as `FST_ERR_CTP_BODY_TOO_LARGE`. */
interface FastifyLikeError {
  statusCode?: number;
  code?: string;
  message: string;
}

/** Any thrown value as a Slipway error (fastify's parse and limit errors included). */
export function asSlipwayError(err: unknown): SlipwayError {
  if (err instanceof SlipwayError) return err;
  const e = err as FastifyLikeError;
  if (e && typeof e.statusCode === 'number' && e.statusCode < 500) {
    if (e.statusCode === 413) return new GatewayError('GATEWAY.BODY_TOO_LARGE', e.message);
    if (e.statusCode === 415) return new GatewayError('GATEWAY.UNSUPPORTED_MEDIA_TYPE', e.message);
    if (e.statusCode === 429) return new GatewayError('GATEWAY.RATE_LIMITED', e.message);
    if (e.statusCode === 404) return new GatewayError('GATEWAY.ROUTE_NOT_FOUND', e.message);
    return new SlipwayError(CommonErrorCodes.VALIDATION, `invalid request: ${e.message}`);
  }
  return new SlipwayError(CommonErrorCodes.INTERNAL, 'internal error', undefined, { cause: err });
}

/** Status and body `{code, message, details}` of an error, as the REST API answers it. */
export function restErrorReply(err: unknown): { status: number; body: ErrorBody } {
  const error = asSlipwayError(err);
  return { status: mappingOf(error.code).status, body: error.toJSON() };
}

/** Status and body `{error_code, message}` of an error, as MLflow's REST API answers it. */
export function mlflowErrorReply(err: unknown): {
  status: number;
  body: { error_code: MlflowErrorCode; message: string };
} {
  const error = asSlipwayError(err);
  const { status, mlflow } = mappingOf(error.code);
  // MLflow's server answers RESOURCE_ALREADY_EXISTS with 400 (mlflow/exceptions.py); its clients may look at it.
  return {
    status: mlflow === 'RESOURCE_ALREADY_EXISTS' ? 400 : status,
    body: { error_code: mlflow, message: error.message },
  };
}
