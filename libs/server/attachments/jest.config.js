module.exports = {
  displayName: 'server-attachments',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../../coverage/libs/server/attachments',
};
