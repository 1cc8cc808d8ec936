module.exports = {
  displayName: 'server-time-entries',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../../coverage/libs/server/time-entries',
};
