import { z } from 'zod';
import { RegistryError, RegistryErrorCodes } from '../models';

const tokenSchema = z.object({ offset: z.int().min(0).max(10_000_000) });

/** The opaque token of the page that starts at `offset`. */
export function encodePageToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64url');
}

/** The offset a page token stands for (0 without one); REGISTRY.INVALID_PAGE_TOKEN for a token not made here. */
export function decodePageToken(token: string | undefined): number {
  if (token === undefined) return 0;
  try {
    return tokenSchema.parse(JSON.parse(Buffer.from(token, 'base64url').toString('utf8'))).offset;
  } catch (error) {
    throw new RegistryError(
      RegistryErrorCodes.INVALID_PAGE_TOKEN,
      'invalid page token',
      { token },
      { cause: error },
    );
  }
}
