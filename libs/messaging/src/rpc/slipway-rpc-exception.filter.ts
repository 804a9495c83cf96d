import { type ArgumentsHost, Catch, Logger, type RpcExceptionFilter } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { CommonErrorCodes, type ErrorBody, SlipwayError } from '@slipway/contracts';
import { type Observable, throwError } from 'rxjs';
import { JetStreamContext } from '../jetstream.context';

/**
 * The wire body of any exception: a {@link SlipwayError} keeps its code, message and details;
 * an `RpcException` carrying such a body passes as is; anything else is `COMMON.INTERNAL` with a
 * generic message (internals are logged, never sent).
 */
export function toErrorBody(exception: unknown): ErrorBody {
  if (exception instanceof SlipwayError) return exception.toJSON();
  if (exception instanceof RpcException) {
    const error = exception.getError();
    if (error && typeof error === 'object' && typeof (error as ErrorBody).code === 'string') {
      const { code, message, details } = error as ErrorBody;
      return { code, message: String(message ?? code), ...(details ? { details } : {}) };
    }
  }
  return { code: CommonErrorCodes.INTERNAL, message: 'internal error' };
}

/**
 * Catches every exception of a microservice handler. For request/reply it sends
 * `{ code, message, details }`, which {@link RpcClient} rethrows as a `SlipwayError` with the same
 * code. For a JetStream event handler it passes the original error on to the transport, so the
 * retry log and the DLQ reason carry the handler's own message. Register it with
 * `app.useGlobalFilters(new SlipwayRpcExceptionFilter())`.
 */
@Catch()
export class SlipwayRpcExceptionFilter implements RpcExceptionFilter<unknown, never> {
  private readonly logger = new Logger('SlipwayRpcExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): Observable<never> {
    if (host.getType() === 'rpc' && host.switchToRpc().getContext() instanceof JetStreamContext) {
      return throwError(() => exception);
    }
    const body = toErrorBody(exception);
    if (body.code === CommonErrorCodes.INTERNAL && !(exception instanceof SlipwayError)) {
      this.logger.error(
        exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
      );
    }
    return throwError(() => body);
  }
}
