module.exports = {
  displayName: 'server-mapping-rules',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../../coverage/libs/server/mapping-rules',
};
