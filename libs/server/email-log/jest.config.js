module.exports = {
  displayName: 'server-email-log',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../../coverage/libs/server/email-log',
};
