module.exports = {
  displayName: 'server-imports',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../../coverage/libs/server/imports',
};
