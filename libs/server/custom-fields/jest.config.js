module.exports = {
  displayName: 'server-custom-fields',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../../coverage/libs/server/custom-fields',
};
