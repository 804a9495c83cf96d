import { RpcException } from '@nestjs/microservices';
import { SlipwayError, ValidationError } from '@slipway/contracts';
import { toErrorBody } from './slipway-rpc-exception.filter';

describe('rpc exception filter - wire body', () => {
  it('keeps the code, message and details of a SlipwayError', () => {
    expect(
      toErrorBody(new SlipwayError('REGISTRY.MODEL_NOT_FOUND', 'no model churn', { name: 'churn' })),
    ).toEqual({
      code: 'REGISTRY.MODEL_NOT_FOUND',
      message: 'no model churn',
      details: { name: 'churn' },
    });
  });

  it('sends the issues of a ValidationError', () => {
    const body = toErrorBody(new ValidationError('request', [{ path: 'name', message: 'Required' }]));
    expect(body).toEqual({
      code: 'COMMON.VALIDATION_FAILED',
      message: 'invalid request: name: Required',
      details: { issues: [{ path: 'name', message: 'Required' }] },
    });
  });

  it('passes an RpcException that carries a Slipway body', () => {
    expect(toErrorBody(new RpcException({ code: 'X.Y', message: 'm' }))).toEqual({
      code: 'X.Y',
      message: 'm',
    });
  });

  it('hides anything else behind COMMON.INTERNAL', () => {
    expect(toErrorBody(new TypeError('secret internals'))).toEqual({
      code: 'COMMON.INTERNAL',
      message: 'internal error',
    });
  });
});
