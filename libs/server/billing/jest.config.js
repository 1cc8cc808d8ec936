module.exports = {
  displayName: 'server-billing',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../../coverage/libs/server/billing',
};
