module.exports = {
  displayName: 'server-insights',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../../coverage/libs/server/insights',
};
