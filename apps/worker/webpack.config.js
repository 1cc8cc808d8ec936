// The shared config of the Node apps is a build file of tools/, not a project import.
// eslint-disable-next-line @nx/enforce-module-boundaries
module.exports = require('../../tools/build/node-app.webpack')('worker');
