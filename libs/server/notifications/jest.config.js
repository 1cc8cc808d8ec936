module.exports = {
  displayName: 'server-notifications',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../../coverage/libs/server/notifications',
};
