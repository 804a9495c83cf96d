import { z } from 'zod';
import type { TokensService } from '../auth/tokens.service';
import { createdTokenSchema, createTokenBodySchema, tokenViewSchema } from '../auth/token.views';
import { route, type GatewayRoute } from '../http/gateway-route';

const TAG = 'tokens';

/** Token management (admin) and `whoami` (any token). */
export function tokenRoutes(tokens: TokensService): GatewayRoute[] {
  return [
    route({
      method: 'GET',
      url: '/v1/whoami',
      scope: 'read',
      tag: TAG,
      summary: 'The token making the request: its id, name and scopes.',
      response: z.object({ tokenId: z.string(), name: z.string(), scopes: z.array(z.string()) }),
      handle: async ({ principal }) => principal,
    }),
    route({
      method: 'POST',
      url: '/v1/tokens',
      scope: 'admin',
      tag: TAG,
      summary: 'Create an API token; its secret is in this reply only.',
      body: createTokenBodySchema,
      response: createdTokenSchema,
      status: 201,
      handle: ({ body, principal }) => tokens.create(body, principal.name),
    }),
    route({
      method: 'GET',
      url: '/v1/tokens',
      scope: 'admin',
      tag: TAG,
      summary: 'List API tokens (never their secrets).',
      response: z.object({ tokens: z.array(tokenViewSchema) }),
      handle: async () => ({ tokens: await tokens.list() }),
    }),
    route({
      method: 'DELETE',
      url: '/v1/tokens/:tokenId',
      scope: 'admin',
      tag: TAG,
      summary:
        'Revoke an API token; it stops working at once on this gateway, within the token cache time on others.',
      params: z.strictObject({ tokenId: z.uuid() }),
      response: tokenViewSchema,
      handle: ({ params }) => tokens.revoke(params.tokenId),
    }),
  ];
}
