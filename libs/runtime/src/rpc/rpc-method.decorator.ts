import { MessagePattern } from '@nestjs/microservices';
import { EncodedRpcReply } from '@slipway/messaging';
import {
  CommonErrorCodes,
  parseOrThrow,
  SlipwayError,
  type RpcDefinition,
  type RpcRequest,
  type RpcResponse,
} from '@slipway/contracts';
import { z } from 'zod';

/**
 * Largest reply body sent over NATS: the server's default `max_payload` is 1 MiB, and a reply
 * over it is dropped by the client library with no answer, leaving the caller to time out.
 */
export const MAX_RPC_REPLY_BYTES = 1024 * 1024 - 8 * 1024;

/** The reply would not fit in one NATS message: narrow the request (fewer runs, keys or points). */
export class ReplyTooLargeError extends SlipwayError {
  override readonly permanent = true;

  constructor(subject: string, bytes: number) {
    super(
      CommonErrorCodes.REPLY_TOO_LARGE,
      `the reply of ${subject} would be ${bytes} bytes, over the ${MAX_RPC_REPLY_BYTES}-byte limit of one NATS message: ask for less (fewer runs, keys or a smaller page)`,
      { subject, bytes, limit: MAX_RPC_REPLY_BYTES },
    );
    this.name = 'ReplyTooLargeError';
  }
}

/**
 * Serialises a reply once, for `RpcReplySerializer` to send as is; a reply over
 * {@link MAX_RPC_REPLY_BYTES} is a {@link ReplyTooLargeError} instead of a reply NATS would drop.
 */
export function encodeRpcReply(subject: string, wire: unknown): EncodedRpcReply {
  const reply = new EncodedRpcReply(JSON.stringify(wire));
  if (reply.bytes > MAX_RPC_REPLY_BYTES) throw new ReplyTooLargeError(subject, reply.bytes);
  return reply;
}

/**
 * Binds a controller method to a request/reply contract: `@MessagePattern(def.subject)`, the
 * payload parsed with `def.request` (a bad one is a `ValidationError` naming the field, sent back
 * with its code), and the result encoded with `def.response` so NaN/±Infinity survive JSON, then
 * serialised once ({@link encodeRpcReply}).
 */
export function RpcMethod<D extends RpcDefinition>(def: D): MethodDecorator {
  return (target, key, descriptor: PropertyDescriptor) => {
    const handler = descriptor.value as (
      request: RpcRequest<D>,
      ...rest: unknown[]
    ) => Promise<RpcResponse<D>>;
    descriptor.value = async function (this: unknown, payload: unknown, ...rest: unknown[]) {
      const request = parseOrThrow(def.request, payload, `${def.subject} request`) as RpcRequest<D>;
      const response = await handler.call(this, request, ...rest);
      return encodeRpcReply(def.subject, z.encode(def.response, response));
    };
    MessagePattern(def.subject)(target, key, descriptor);
  };
}
