module.exports = {
  displayName: 'server-search',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../../coverage/libs/server/search',
};
