module.exports = {
  displayName: 'server-sso',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../../coverage/libs/server/sso',
};
