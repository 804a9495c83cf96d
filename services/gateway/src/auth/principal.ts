import type { Actor } from '@slipway/contracts';
import type { Scope } from './scopes';

/** Who is calling: the API token that authenticated the request. */
export interface Principal {
  tokenId: string;
  /** The token's name, usually its owner (`alice`, `ci-pipeline`). */
  name: string;
  scopes: readonly Scope[];
}

/** The actor recorded in events for a request by this principal. */
export function actorOf(principal: Principal): Actor {
  return { id: principal.name, kind: 'token' };
}
