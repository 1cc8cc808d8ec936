module.exports = {
  displayName: 'server-demo',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../../coverage/libs/server/demo',
};
