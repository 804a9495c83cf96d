import { MessagePattern } from '@nestjs/microservices';
import { parseOrThrow, type RpcDefinition, type RpcRequest, type RpcResponse } from '@slipway/contracts';
import { encodeRpcReply } from '@slipway/runtime';

/**
 * `@RpcMethod` for a reply the handler already builds in its wire form: the request is parsed
 * with `def.request` as usual, but the reply is not walked by `z.encode(def.response)`, which
 * costs more than the query itself for a large table (138 ms for a 1,000-run comparison). Only
 * for contracts whose response schema has no codecs (its input and output types are the same),
 * with a test that the handler's replies parse with `def.response`.
 */
export function RpcWireMethod<D extends RpcDefinition>(def: D): MethodDecorator {
  return (target, key, descriptor: PropertyDescriptor) => {
    const handler = descriptor.value as (request: RpcRequest<D>) => Promise<RpcResponse<D>>;
    descriptor.value = async function (this: unknown, payload: unknown) {
      const request = parseOrThrow(def.request, payload, `${def.subject} request`) as RpcRequest<D>;
      const response = await handler.call(this, request);
      return encodeRpcReply(def.subject, response);
    };
    MessagePattern(def.subject)(target, key, descriptor);
  };
}
