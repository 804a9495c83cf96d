import { ConfigError } from '@slipway/config';
import { DEFAULT_REGISTRY_POLICY } from '../models';
import { loadRegistryPolicy } from './registry-policy';

const talkGates = {
  gates: [
    { metric: 'f1', op: '>=', against: 'current-holder' },
    { metric: 'recall', op: '<=', value: 0.99 },
  ],
};

function problemOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('registry policy from configuration', () => {
  test('policy - nothing configured is DEFAULT_REGISTRY_POLICY', () => {
    expect(loadRegistryPolicy({})).toBe(DEFAULT_REGISTRY_POLICY);
  });

  test('policy - inline JSON with the talk gates on production, defaults filled in', () => {
    const policy = loadRegistryPolicy({
      REGISTRY_POLICY: JSON.stringify({ aliases: { production: { ...talkGates, baselineRunId: 'base1' } } }),
    });
    expect(policy.default).toEqual(DEFAULT_REGISTRY_POLICY.default);
    expect(policy.aliases).toEqual({
      production: { requiresApproval: false, baselineRunId: 'base1', ...talkGates },
    });
  });

  test('policy - the file is read, and inline JSON merges over it per alias', () => {
    const file = JSON.stringify({
      default: { requiresApproval: true },
      aliases: { production: { requiresApproval: true }, staging: {} },
    });
    const policy = loadRegistryPolicy(
      {
        REGISTRY_POLICY_FILE: '/etc/slipway/policy.json',
        REGISTRY_POLICY: JSON.stringify({ aliases: { production: talkGates } }),
      },
      (path) => (path === '/etc/slipway/policy.json' ? file : ''),
    );
    expect(policy.default).toEqual({ requiresApproval: true, gates: [] });
    expect(policy.aliases['staging']).toEqual({ requiresApproval: false, gates: [] });
    expect(policy.aliases['production']).toEqual({ requiresApproval: false, ...talkGates });
  });

  test('policy - a bad gate names the variable and the field', () => {
    const message = problemOf(() =>
      loadRegistryPolicy({
        REGISTRY_POLICY: JSON.stringify({
          aliases: { production: { gates: [{ metric: 'f1', op: '=>', value: 1 }] } },
        }),
      }),
    );
    expect(message).toContain('REGISTRY_POLICY:');
    expect(message).toContain('aliases.production.gates.0.op: Invalid option');
  });

  test('policy - a misspelt key, bad JSON and an unreadable file are refused', () => {
    expect(
      problemOf(() => loadRegistryPolicy({ REGISTRY_POLICY: '{"default":{"requireApproval":true}}' })),
    ).toMatch(/REGISTRY_POLICY: default: .*requireApproval/);
    expect(problemOf(() => loadRegistryPolicy({ REGISTRY_POLICY: '{gates' }))).toContain(
      'REGISTRY_POLICY: is not valid JSON',
    );
    expect(
      problemOf(() =>
        loadRegistryPolicy({ REGISTRY_POLICY_FILE: '/nope.json' }, () => {
          throw new Error('ENOENT');
        }),
      ),
    ).toContain('REGISTRY_POLICY_FILE: cannot read /nope.json');
    expect(
      problemOf(() =>
        loadRegistryPolicy(
          { REGISTRY_POLICY_FILE: '/p.json' },
          () => '{"aliases":{"production":{"requiresApproval":"yes"}}}',
        ),
      ),
    ).toContain('REGISTRY_POLICY_FILE: aliases.production.requiresApproval');
  });
});
