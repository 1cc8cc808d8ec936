module.exports = {
  displayName: 'server-auth',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../../coverage/libs/server/auth',
};
