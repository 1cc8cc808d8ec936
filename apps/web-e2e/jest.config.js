// Real-browser tests: the built api and web app, Debian's Chromium driven by playwright-core.
module.exports = {
  displayName: 'web-e2e',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testEnvironment: 'node',
  testTimeout: 180_000,
};
