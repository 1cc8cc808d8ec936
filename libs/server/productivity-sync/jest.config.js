module.exports = {
  displayName: 'server-productivity-sync',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../../coverage/libs/server/productivity-sync',
};
