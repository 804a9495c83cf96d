import { parseOrThrow } from '@slipway/contracts';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { scopeSchema } from './scopes';
import type { TokenView } from './token.views';

const dateColumn = z.date().transform((d) => d.toISOString());
const tokenRowSchema = z.object({
  token_id: z.string(),
  name: z.string(),
  scopes: z.array(scopeSchema),
  created_at: dateColumn,
  created_by: z.string().nullable(),
  expires_at: dateColumn.nullable(),
  revoked_at: dateColumn.nullable(),
  last_used_at: dateColumn.nullable(),
});
const COLUMNS = 'token_id, name, scopes, created_at, created_by, expires_at, revoked_at, last_used_at';

function toView(row: z.infer<typeof tokenRowSchema>): TokenView {
  return {
    id: row.token_id,
    name: row.name,
    scopes: row.scopes,
    createdAt: row.created_at,
    createdBy: row.created_by,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
  };
}
const rows = (value: unknown) => parseOrThrow(z.array(tokenRowSchema), value, 'api_tokens rows').map(toView);

/** The `api_tokens` table; rows read back are parsed, never cast. */
export class TokensRepository {
  constructor(private readonly db: DataSource) {}

  async insert(token: {
    id: string;
    name: string;
    secretHash: Buffer;
    scopes: readonly string[];
    createdBy: string | null;
    expiresAt: string | null;
  }): Promise<TokenView> {
    const result: unknown = await this.db.query(
      `INSERT INTO api_tokens (token_id, name, secret_sha256, scopes, created_by, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
      [token.id, token.name, token.secretHash, token.scopes, token.createdBy, token.expiresAt],
    );
    return rows(result)[0]!;
  }

  async findBySecretHash(hash: Buffer): Promise<TokenView | undefined> {
    return rows(await this.db.query(`SELECT ${COLUMNS} FROM api_tokens WHERE secret_sha256 = $1`, [hash]))[0];
  }

  async list(): Promise<TokenView[]> {
    return rows(await this.db.query(`SELECT ${COLUMNS} FROM api_tokens ORDER BY created_at, token_id`));
  }

  async count(): Promise<number> {
    const [row] = parseOrThrow(
      z.array(z.object({ n: z.coerce.number().int() })),
      await this.db.query('SELECT count(*) AS n FROM api_tokens'),
      'token count',
    );
    return row?.n ?? 0;
  }

  /** Sets `revoked_at` once; revoking twice keeps the first time. */
  async revoke(tokenId: string): Promise<TokenView | undefined> {
    await this.db.query(
      'UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE token_id = $1',
      [tokenId],
    );
    return rows(await this.db.query(`SELECT ${COLUMNS} FROM api_tokens WHERE token_id = $1`, [tokenId]))[0];
  }

  async touch(tokenIds: readonly string[]): Promise<void> {
    if (tokenIds.length === 0) return;
    await this.db.query('UPDATE api_tokens SET last_used_at = now() WHERE token_id = ANY($1::uuid[])', [
      tokenIds,
    ]);
  }
}
