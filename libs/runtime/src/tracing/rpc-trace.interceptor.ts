import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { context as otelContext, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { extractTraceContext } from '@slipway/telemetry';
import { Observable } from 'rxjs';

interface NatsRpcContext {
  getSubject(): string;
  getHeaders(): { get(key: string): string } | undefined;
}

/** Nest's `NatsContext` of request/reply (the JetStream transport traces its own deliveries). */
function isNatsContext(value: unknown): value is NatsRpcContext {
  const candidate = value as Partial<NatsRpcContext> | undefined;
  return typeof candidate?.getSubject === 'function' && typeof candidate.getHeaders === 'function';
}

const tracer = trace.getTracer('@slipway/runtime');

/**
 * Continues the caller's trace in request/reply handlers: the trace context travels in NATS
 * headers (injected by `RpcClient`), so one trace spans gateway → service → store.
 */
@Injectable()
export class RpcTraceInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') return next.handle();
    const rpcContext = context.switchToRpc().getContext<unknown>();
    if (!isNatsContext(rpcContext)) return next.handle();

    const parent = extractTraceContext(rpcContext.getHeaders());
    const subject = rpcContext.getSubject();
    const span = tracer.startSpan(
      subject,
      {
        kind: SpanKind.SERVER,
        attributes: { 'messaging.system': 'nats', 'messaging.destination.name': subject },
      },
      parent,
    );
    const active = trace.setSpan(parent, span);
    return new Observable((subscriber) =>
      otelContext.with(active, () =>
        next.handle().subscribe({
          next: (value) => subscriber.next(value),
          error: (error: unknown) => {
            span.recordException(error instanceof Error ? error : String(error));
            span.setStatus({ code: SpanStatusCode.ERROR });
            span.end();
            subscriber.error(error);
          },
          complete: () => {
            span.end();
            subscriber.complete();
          },
        }),
      ),
    );
  }
}
