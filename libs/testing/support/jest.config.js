module.exports = {
  displayName: 'testing-support',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../../coverage/libs/testing/support',
};
