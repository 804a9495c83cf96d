import type { TokenScope } from '@slipway/sdk';
import { Command, InvalidArgumentError, Option } from 'commander';
import { contextOf, emit } from '../context';
import { formatTime } from '../render/format';
import { renderTable } from '../render/table';
import { expiryOf } from './expiry';

const SCOPES: readonly TokenScope[] = ['read', 'write', 'admin'];

/** `slipway tokens create|list|revoke` (admin token). */
export function tokensCommand(): Command {
  const tokens = new Command('tokens').description('API tokens (needs an admin token)');

  tokens
    .command('create')
    .description('create a token; its secret is printed once')
    .argument('<name>', 'who holds it (alice, ci)')
    .addOption(
      new Option('-s, --scope <scope>', 'read, write or admin (repeatable)')
        .argParser((v: string, prev: TokenScope[] = []) => {
          if (!SCOPES.includes(v as TokenScope))
            throw new InvalidArgumentError(`scope must be one of ${SCOPES.join(', ')}`);
          return [...prev, v as TokenScope];
        })
        .makeOptionMandatory(),
    )
    .option('--expires <when>', 'a duration (30d, 12h) or an ISO 8601 time', (v) => expiryOf(v))
    .action(async (name: string, opts: { scope: TokenScope[]; expires?: string }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const created = await ctx.slipway.tokens.create(name, opts.scope, opts.expires);
      if (!ctx.json)
        process.stderr.write(
          `Token ${created.id} (${created.scopes.join(', ')}) created; its secret is shown once:\n`,
        );
      emit(ctx, created, (c) => c.token);
    });

  tokens
    .command('list')
    .description('list tokens (never their secrets)')
    .action(async (_opts: unknown, cmd: Command) => {
      const ctx = contextOf(cmd);
      const list = await ctx.slipway.tokens.list();
      emit(ctx, { tokens: list }, ({ tokens: all }) =>
        renderTable(
          ['ID', 'Name', 'Scopes', 'Created', 'Expires', 'Last used', 'Revoked'],
          all.map((t) => [
            t.id,
            t.name,
            t.scopes.join(','),
            formatTime(t.createdAt),
            formatTime(t.expiresAt),
            formatTime(t.lastUsedAt),
            formatTime(t.revokedAt),
          ]),
        ),
      );
    });

  tokens
    .command('revoke')
    .description('revoke a token at once')
    .argument('<id>')
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      const ctx = contextOf(cmd);
      const revoked = await ctx.slipway.tokens.revoke(id);
      emit(ctx, revoked, (t) => `Revoked ${t.id} (${t.name})`);
    });
  return tokens;
}
