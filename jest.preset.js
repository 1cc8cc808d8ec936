// Shared Jest settings for every project: SWC transpiles TypeScript with decorator metadata
// (Nest and TypeORM need it), and the tsconfig path aliases resolve to library sources.
const { pathsToModuleNameMapper } = require('./tools/jest/paths');

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true, tsx: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'automatic' } },
          target: 'es2022',
          keepClassNames: true,
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  // Packages that ship ES modules only (swagger-parser's, openid-client's): SWC compiles them too.
  transformIgnorePatterns: ['/node_modules/(?!(@apidevtools|@jsdevtools|openid-client|oauth4webapi|jose)/)'],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  moduleNameMapper: pathsToModuleNameMapper(),
  testMatch: ['**/?(*.)+(spec|test).[jt]s?(x)'],
  coverageReporters: ['text-summary', 'html'],
};
