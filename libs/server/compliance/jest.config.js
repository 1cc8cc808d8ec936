module.exports = {
  displayName: 'server-compliance',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../../coverage/libs/server/compliance',
};
