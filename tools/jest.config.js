module.exports = {
  displayName: 'tools',
  preset: '../jest.preset.js',
  rootDir: __dirname,
  testPathIgnorePatterns: ['/node_modules/', '/fixtures/'],
  // Jest's default is one worker fewer than the CPUs (one on CI's two): the bench's small run
  // (bench.spec.ts, about 150 s) then held every other file of the project behind it.
  maxWorkers: 2,
};
