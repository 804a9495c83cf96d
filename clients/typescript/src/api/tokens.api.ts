import { z } from 'zod';
import type { HttpClient } from '../http/http-client';
import {
  createdTokenSchema,
  tokenSchema,
  whoamiSchema,
  type CreatedToken,
  type Token,
  type TokenScope,
  type Whoami,
} from '../schemas/tokens.schemas';
import { seg } from './path';

/** API tokens (admin) and the caller's identity. */
export class TokensApi {
  constructor(private readonly http: HttpClient) {}

  /** Creates a token; its secret (`token`) is in this reply only. `expiresAt` is ISO 8601. */
  create(name: string, scopes: TokenScope[], expiresAt?: string): Promise<CreatedToken> {
    return this.http.json(
      { method: 'POST', path: '/tokens', body: { name, scopes, expiresAt }, idempotent: false },
      createdTokenSchema,
    );
  }

  /** Every token (never their secrets). */
  async list(): Promise<Token[]> {
    const page = await this.http.json(
      { method: 'GET', path: '/tokens', idempotent: true },
      z.object({ tokens: z.array(tokenSchema) }),
    );
    return page.tokens;
  }

  /** Revokes a token at once. */
  revoke(tokenId: string): Promise<Token> {
    return this.http.json(
      { method: 'DELETE', path: `/tokens/${seg(tokenId)}`, idempotent: true },
      tokenSchema,
    );
  }

  /** The token making the request. */
  whoami(): Promise<Whoami> {
    return this.http.json({ method: 'GET', path: '/whoami', idempotent: true }, whoamiSchema);
  }
}
