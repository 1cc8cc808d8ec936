module.exports = {
  displayName: 'server-reports',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../../coverage/libs/server/reports',
};
