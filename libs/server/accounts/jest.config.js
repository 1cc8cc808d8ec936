module.exports = {
  displayName: 'server-accounts',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../../coverage/libs/server/accounts',
};
