import { z } from 'zod';
import { DEFAULT_ARTIFACTS_MAX_BYTES, artifactsEnv } from './artifacts.env';

const schema = z.object(artifactsEnv);

describe('tracking artifacts config - ARTIFACTS_MAX_BYTES', () => {
  it('defaults to 5 GiB', () => {
    expect(schema.parse({}).ARTIFACTS_MAX_BYTES).toBe(5 * 1024 * 1024 * 1024);
    expect(DEFAULT_ARTIFACTS_MAX_BYTES).toBe(5_368_709_120);
  });

  it('takes a byte count', () => {
    expect(schema.parse({ ARTIFACTS_MAX_BYTES: '1048576' }).ARTIFACTS_MAX_BYTES).toBe(1_048_576);
  });

  it.each(['0', '-1', '5GB', '1.5'])('refuses %j', (value) => {
    expect(schema.safeParse({ ARTIFACTS_MAX_BYTES: value }).success).toBe(false);
  });
});
