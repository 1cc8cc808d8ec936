module.exports = {
  displayName: 'server-onboarding',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../../coverage/libs/server/onboarding',
};
