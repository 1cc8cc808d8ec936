module.exports = {
  displayName: 'server-audit',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../../coverage/libs/server/audit',
};
