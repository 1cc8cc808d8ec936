module.exports = {
  displayName: 'server-bulk-edits',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../../coverage/libs/server/bulk-edits',
};
