module.exports = {
  displayName: 'server-users',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../../coverage/libs/server/users',
};
