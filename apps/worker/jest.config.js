module.exports = {
  displayName: 'worker',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../coverage/apps/worker',
};
