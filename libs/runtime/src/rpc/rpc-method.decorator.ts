import { MessagePattern } from '@nestjs/microservices';
import { parseOrThrow, type RpcDefinition, type RpcRequest, type RpcResponse } from '@slipway/contracts';
import { z } from 'zod';

/**
 * Binds a controller method to a request/reply contract: `@MessagePattern(def.subject)`, the
 * payload parsed with `def.request` (a bad one is a `ValidationError` naming the field, sent back
 * with its code), and the result encoded with `def.response` so NaN/±Infinity survive JSON.
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
      return z.encode(def.response, response);
    };
    MessagePattern(def.subject)(target, key, descriptor);
  };
}
