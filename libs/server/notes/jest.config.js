module.exports = {
  displayName: 'server-notes',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../../coverage/libs/server/notes',
};
