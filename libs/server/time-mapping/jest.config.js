module.exports = {
  displayName: 'server-time-mapping',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../../coverage/libs/server/time-mapping',
};
