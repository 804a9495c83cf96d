import { GatewayError } from '../http/http-error';

/** No token, an unknown one, a revoked or an expired one: 401. */
export class UnauthenticatedError extends GatewayError {
  constructor(reason: string) {
    super('GATEWAY.UNAUTHENTICATED', reason);
  }
}

/** A valid token without the scope the route needs: 403. */
export class ForbiddenError extends GatewayError {
  constructor(needed: string, route: string) {
    super('GATEWAY.FORBIDDEN', `this token lacks the '${needed}' scope that ${route} needs`, { needed });
  }
}

/** No token with that id. */
export class TokenNotFoundError extends GatewayError {
  constructor(tokenId: string) {
    super('GATEWAY.TOKEN_NOT_FOUND', `no API token with id ${tokenId}`, { tokenId });
  }
}
