module.exports = {
  displayName: 'server-timeline',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../../coverage/libs/server/timeline',
};
