module.exports = {
  displayName: 'server-tasks',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../../coverage/libs/server/tasks',
};
