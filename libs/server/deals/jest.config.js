module.exports = {
  displayName: 'server-deals',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../../coverage/libs/server/deals',
};
