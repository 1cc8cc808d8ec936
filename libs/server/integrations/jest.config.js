module.exports = {
  displayName: 'server-integrations',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../../coverage/libs/server/integrations',
};
