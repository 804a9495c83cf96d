import { defineRpc, metricValueSchema } from '@slipway/contracts';
import { EncodedRpcReply } from '@slipway/messaging';
import { z } from 'zod';
import { MAX_RPC_REPLY_BYTES, RpcMethod } from './rpc-method.decorator';

const Echo = defineRpc({
  name: 'Echo',
  service: 'tracking',
  method: 'echo',
  request: z.object({ size: z.number().int().min(0) }),
  response: z.object({ text: z.string(), value: metricValueSchema }),
  description: 'test only',
});

class EchoController {
  @RpcMethod(Echo)
  echo(request: { size: number }): Promise<{ text: string; value: number }> {
    return Promise.resolve({ text: 'x'.repeat(request.size), value: Number.NaN });
  }
}

const call = (payload: unknown) =>
  (new EchoController().echo as unknown as (p: unknown) => Promise<unknown>)(payload);

describe('rpc method - parse, encode, bound the reply', () => {
  it('rpc method - a bad request is refused naming the field', async () => {
    await expect(call({ size: 'big' })).rejects.toMatchObject({
      code: 'COMMON.VALIDATION_FAILED',
      message: expect.stringContaining('size'),
    });
  });

  it('rpc method - the reply is encoded so NaN survives JSON, and serialised once', async () => {
    const reply = await call({ size: 2 });
    expect(reply).toBeInstanceOf(EncodedRpcReply);
    expect(JSON.parse((reply as EncodedRpcReply).json)).toEqual({ text: 'xx', value: 'NaN' });
  });

  it('rpc method - a reply over one NATS message is an error, not a silent timeout', async () => {
    await expect(call({ size: MAX_RPC_REPLY_BYTES + 1 })).rejects.toMatchObject({
      code: 'COMMON.REPLY_TOO_LARGE',
    });
  });
});
