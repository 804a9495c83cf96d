/**
 * One jest run for the whole workspace, split into tiers by file name:
 * unit (`*.spec.ts`, no I/O), integration (`*.int-spec.ts`, real NATS/Postgres/ClickHouse)
 * and end-to-end (`*.e2e-spec.ts`, services booted as processes).
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];
/** NestJS 12 ships ES modules; jest's CommonJS runtime needs them compiled (Node 20 jest cannot require(esm)). */
const transform = { '^.+\\.ts$': swc, '^.+\\.m?js$': swc };
const transformIgnorePatterns = ['/node_modules/(?!(@nestjs|@fastify/.*-esm|uid)/)'];
const moduleNameMapper = {
  '^@slipway/(contracts|messaging|telemetry|config|persistence|testing|runtime|artifacts)$':
    '<rootDir>/libs/$1/src/index.ts',
  '^@slipway/sdk$': '<rootDir>/clients/typescript/src/index.ts',
  '^@slipway/sdk/nats$': '<rootDir>/clients/typescript/src/nats.ts',
};
const { existsSync } = require('node:fs');
const roots = ['libs', 'services', 'deploy', 'clients', 'bench', 'tools']
  .filter((dir) => existsSync(`${__dirname}/${dir}`))
  .map((dir) => `<rootDir>/${dir}`);
const tier = (displayName, testMatch, extra = {}) => ({
  displayName,
  rootDir: __dirname,
  roots,
  testMatch,
  transform,
  transformIgnorePatterns,
  moduleNameMapper,
  // Build output (`npm run build:sdk` writes a second `@slipway/sdk` package.json there).
  modulePathIgnorePatterns: ['<rootDir>/clients/typescript/dist/'],
  testEnvironment: 'node',
  ...extra,
});

module.exports = {
  // Integration suites start real servers; jest only honours this at the top level.
  testTimeout: 60_000,
  projects: [
    tier('unit', ['**/*.spec.ts']),
    tier('integration', ['**/*.int-spec.ts']),
    tier('e2e', ['**/*.e2e-spec.ts']),
  ],
};
