import { envPort, envString } from '../env-types';
import { withDefault } from '../env-value';

/** HTTP listener of a service (API, health, `/metrics`), with the service's own default port. */
export function httpEnv(defaultPort: number) {
  return {
    /** Interface to listen on; `0.0.0.0` in a container. */
    HTTP_HOST: withDefault(
      envString(),
      '127.0.0.1',
      'Interface the HTTP server listens on (0.0.0.0 in a container).',
    ),
    /** TCP port of the HTTP server. */
    HTTP_PORT: withDefault(envPort(), String(defaultPort), 'TCP port of the HTTP server.'),
  };
}
