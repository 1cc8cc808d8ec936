module.exports = {
  displayName: 'server-timesheets',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../../coverage/libs/server/timesheets',
};
