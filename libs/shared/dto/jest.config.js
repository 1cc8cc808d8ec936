module.exports = {
  displayName: 'shared-dto',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../../coverage/libs/shared/dto',
};
