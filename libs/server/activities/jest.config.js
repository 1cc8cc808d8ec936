module.exports = {
  displayName: 'server-activities',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../../coverage/libs/server/activities',
};
