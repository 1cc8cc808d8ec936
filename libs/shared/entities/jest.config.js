module.exports = {
  displayName: 'shared-entities',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../../coverage/libs/shared/entities',
};
