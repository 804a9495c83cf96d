import { randomUUID } from 'node:crypto';
import { parseOrThrow, ValidationError } from '@slipway/contracts';
import { generateTokenSecret, hashTokenSecret, tokenSecretKey } from './api-token';
import type { Principal } from './principal';
import { TokenNotFoundError, UnauthenticatedError } from './token.errors';
import { createTokenBodySchema, type CreatedToken, type TokenView } from './token.views';
import type { TokensRepository } from './tokens.repository';

/** How long a verified token is trusted without asking Postgres again (a revocation elsewhere waits this long). */
export interface TokensServiceOptions {
  cacheMs: number;
  maxCached?: number;
}

interface Cached {
  token: TokenView;
  until: number;
}

/**
 * Creates, lists, revokes and verifies API tokens. Verification is cached per secret hash for
 * `cacheMs` so a busy client costs no database round trip per request; a revocation through this
 * replica takes effect at once, through another one within `cacheMs`.
 */
export class TokensService {
  private readonly cache = new Map<string, Cached>();
  private readonly used = new Set<string>();

  constructor(
    private readonly repository: TokensRepository,
    private readonly options: TokensServiceOptions,
  ) {}

  async create(body: unknown, createdBy: string | null): Promise<CreatedToken> {
    const input = parseOrThrow(createTokenBodySchema, body, 'token');
    if (input.expiresAt && Date.parse(input.expiresAt) <= Date.now())
      throw new ValidationError('token', [{ path: 'expiresAt', message: 'must be in the future' }]);
    return this.insert(input.name, [...new Set(input.scopes)], createdBy, input.expiresAt ?? null);
  }

  /** Stores a token with a given secret (the admin token of first start, or one set by the operator). */
  async insert(
    name: string,
    scopes: TokenView['scopes'],
    createdBy: string | null,
    expiresAt: string | null,
    secret = generateTokenSecret(),
  ): Promise<CreatedToken> {
    const view = await this.repository.insert({
      id: randomUUID(),
      name,
      secretHash: hashTokenSecret(secret),
      scopes,
      createdBy,
      expiresAt,
    });
    return { ...view, token: secret };
  }

  list(): Promise<TokenView[]> {
    return this.repository.list();
  }

  count(): Promise<number> {
    return this.repository.count();
  }

  async exists(secret: string): Promise<boolean> {
    return (await this.repository.findBySecretHash(hashTokenSecret(secret))) !== undefined;
  }

  async revoke(tokenId: string): Promise<TokenView> {
    const view = await this.repository.revoke(tokenId);
    if (!view) throw new TokenNotFoundError(tokenId);
    for (const [key, cached] of this.cache) if (cached.token.id === tokenId) this.cache.delete(key);
    return view;
  }

  /** The principal a secret stands for, or {@link UnauthenticatedError}. */
  verify(secret: string): Promise<Principal> {
    return this.verifyKey(tokenSecretKey(secret));
  }

  /** Like {@link verify}, from the secret's {@link tokenSecretKey} (computed once per request). */
  async verifyKey(key: string): Promise<Principal> {
    const now = Date.now();
    let cached = this.cache.get(key);
    if (!cached || cached.until < now) {
      const token = await this.repository.findBySecretHash(Buffer.from(key, 'base64'));
      if (!token) throw new UnauthenticatedError('unknown API token');
      if (this.cache.size >= (this.options.maxCached ?? 10_000)) this.cache.clear();
      cached = { token, until: now + this.options.cacheMs };
      this.cache.set(key, cached);
    }
    const { token } = cached;
    if (token.revokedAt) throw new UnauthenticatedError(`API token '${token.name}' was revoked`);
    if (token.expiresAt && Date.parse(token.expiresAt) <= now)
      throw new UnauthenticatedError(`API token '${token.name}' expired at ${token.expiresAt}`);
    this.used.add(token.id);
    return { tokenId: token.id, name: token.name, scopes: token.scopes };
  }

  /** Records `last_used_at` of the tokens used since the last call (called on a timer). */
  async flushUsage(): Promise<void> {
    const ids = [...this.used];
    this.used.clear();
    await this.repository.touch(ids);
  }
}
