// Real-browser tests: the built api and web app, Debian's Chromium driven by playwright-core.
module.exports = {
  displayName: 'web-e2e',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testEnvironment: 'node',
  testTimeout: 180_000,
  // Two files at a time, each with its own api, web preview and Chromium: a browser test waits on
  // the page much of the time, so in band it left CI's second core idle. Side by side the suite took
  // 464 s where in band it took 590 s (every file passed both ways).
  maxWorkers: 2,
};
