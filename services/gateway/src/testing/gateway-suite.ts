import { startTestPlatform, type TestPlatform, type TestPlatformOptions } from '@slipway/testing';
import { apiClient } from './api-client';

/** What a suite gets: the running platform and a caller holding its admin token (set once `beforeAll` ran). */
export interface GatewaySuite {
  platform: TestPlatform;
  admin: ReturnType<typeof apiClient>;
}

/**
 * Starts tracking, registry and gateway (or `options.services`) as processes before a suite's
 * tests and stops them after, so each e2e file does not repeat the set-up.
 */
export function gatewaySuite(
  options: TestPlatformOptions = { services: ['tracking', 'registry', 'gateway'] },
): GatewaySuite {
  const suite = {} as GatewaySuite;
  beforeAll(async () => {
    suite.platform = await startTestPlatform(options);
    suite.admin = apiClient(suite.platform.gatewayUrl, suite.platform.adminToken);
  }, 120_000);
  afterAll(async () => {
    await suite.platform?.stop();
  });
  return suite;
}
