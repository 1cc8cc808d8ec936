module.exports = {
  displayName: 'server-contacts',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../../coverage/libs/server/contacts',
};
