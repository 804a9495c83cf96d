import {
  CommonErrorCodes,
  type RpcDefinition,
  type RpcRequestInput,
  type RpcResponse,
  SlipwayError,
  issuesOf,
  parseOrThrow,
} from '@slipway/contracts';
import { type MsgHdrs, type NatsConnection, errors, headers as natsHeaders } from '@nats-io/transport-node';
import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { randomUUID } from 'node:crypto';
import { injectTraceContext } from '../trace-context';
import { decodeRpcReply, encodeRpcRequest } from './rpc-wire';

const tracer = trace.getTracer('@slipway/messaging');

/** Default time a caller waits for a reply. */
export const DEFAULT_RPC_TIMEOUT_MS = 5_000;

/** Per-request options. */
export interface RpcRequestOptions {
  /** How long to wait for a reply; default 5000 (or the client's default). */
  timeoutMs?: number;
  /** Extra headers (the trace context is added by the client). */
  headers?: MsgHdrs;
}

/**
 * Calls Slipway request/reply operations (`@MessagePattern(def.subject)` handlers behind
 * `natsRpcOptions`). It speaks Nest's NATS wire format on a connection the process already has,
 * instead of wrapping `ClientNats`: one connection per process, native request timeouts and the
 * immediate "no responders" answer of NATS, trace headers, and usable outside Nest (CLI, SDK).
 *
 * The request is validated before sending (a {@link ValidationError} and nothing sent), the reply
 * is validated against `def.response` (or taken as is when `def.responseGuard` vouches for it:
 * a 0.6 MiB comparison then skips zod's copy, 3 ms), an error reply is rethrown as a
 * {@link SlipwayError} with its code, and no answer becomes `COMMON.DEPENDENCY_UNAVAILABLE`.
 */
export class RpcClient {
  constructor(
    private readonly nc: NatsConnection,
    private readonly defaults: { timeoutMs?: number } = {},
  ) {}

  /** Sends one request and resolves with the validated response (see the class for the errors). */
  async request<D extends RpcDefinition>(
    def: D,
    payload: RpcRequestInput<D>,
    opts: RpcRequestOptions = {},
  ): Promise<RpcResponse<D>> {
    const data = parseOrThrow(def.request, payload, `request of ${def.subject}`);
    const timeout = opts.timeoutMs ?? this.defaults.timeoutMs ?? DEFAULT_RPC_TIMEOUT_MS;
    const attributes = { 'rpc.system': 'nats', 'rpc.service': def.service, 'rpc.method': def.method };
    return tracer.startActiveSpan(def.subject, { kind: SpanKind.CLIENT, attributes }, async (span) => {
      try {
        const headers = injectTraceContext(opts.headers ?? natsHeaders(), context.active());
        const reply = await this.nc
          .request(def.subject, encodeRpcRequest(def.subject, data, randomUUID()), { timeout, headers })
          .catch((err: unknown) => {
            throw unavailable(def, timeout, err);
          });
        const decoded = decodeRpcReply(reply.string());
        if (!decoded.ok)
          throw new SlipwayError(decoded.error.code, decoded.error.message, decoded.error.details);
        if (def.responseGuard?.(decoded.response)) return decoded.response as RpcResponse<D>;
        const parsed = def.response.safeParse(decoded.response);
        if (!parsed.success) {
          const issues = issuesOf(parsed.error);
          throw new SlipwayError(
            CommonErrorCodes.INTERNAL,
            `invalid response of ${def.subject}: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}`,
            { issues },
          );
        }
        return parsed.data as RpcResponse<D>;
      } catch (err) {
        span.recordException(err as Error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
        throw err;
      } finally {
        span.end();
      }
    });
  }
}

function unavailable(def: RpcDefinition, timeoutMs: number, err: unknown): SlipwayError {
  const noResponders =
    err instanceof errors.NoRespondersError ||
    (err instanceof errors.RequestError && err.isNoResponders()) ||
    (err instanceof Error && err.cause instanceof errors.NoRespondersError);
  const message = noResponders
    ? `no ${def.service} replica answers ${def.subject}`
    : err instanceof errors.TimeoutError || (err instanceof Error && err.cause instanceof errors.TimeoutError)
      ? `${def.subject} did not answer within ${timeoutMs} ms`
      : `${def.subject} failed: ${err instanceof Error ? err.message : String(err)}`;
  return new SlipwayError(CommonErrorCodes.UNAVAILABLE, message, { subject: def.subject }, { cause: err });
}
