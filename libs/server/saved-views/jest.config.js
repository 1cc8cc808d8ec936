module.exports = {
  displayName: 'server-saved-views',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../../coverage/libs/server/saved-views',
};
