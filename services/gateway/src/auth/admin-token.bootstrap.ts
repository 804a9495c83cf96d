import { writeFile } from 'node:fs/promises';
import type { Logger } from 'pino';
import type { GatewayConfig } from '../config/gateway.config';
import type { TokensService } from './tokens.service';

/**
 * Makes sure someone can get in: the operator's `GATEWAY_ADMIN_TOKEN` is stored if missing; else,
 * when no token exists at all (first start), an admin token is created, logged once and written
 * to `GATEWAY_ADMIN_TOKEN_FILE` (mode 0600) for `npm start` to print.
 */
export async function ensureAdminToken(
  tokens: TokensService,
  config: Pick<GatewayConfig, 'GATEWAY_ADMIN_TOKEN' | 'GATEWAY_ADMIN_TOKEN_FILE'>,
  logger: Logger,
): Promise<void> {
  if (config.GATEWAY_ADMIN_TOKEN) {
    if (!(await tokens.exists(config.GATEWAY_ADMIN_TOKEN))) {
      await tokens.insert('admin', ['admin'], 'GATEWAY_ADMIN_TOKEN', null, config.GATEWAY_ADMIN_TOKEN);
      logger.info('stored the admin token from GATEWAY_ADMIN_TOKEN');
    }
    return;
  }
  if ((await tokens.count()) > 0) return;
  const created = await tokens.insert('admin', ['admin'], 'first start', null);
  if (config.GATEWAY_ADMIN_TOKEN_FILE)
    await writeFile(config.GATEWAY_ADMIN_TOKEN_FILE, `${created.token}\n`, { mode: 0o600 });
  logger.warn(
    { tokenId: created.id, file: config.GATEWAY_ADMIN_TOKEN_FILE },
    `first start: created admin API token ${created.token} (shown once; create others with POST /api/v1/tokens)`,
  );
}
