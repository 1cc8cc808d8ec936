// Jest's global setup/teardown run outside its module system, so moduleNameMapper does not
// apply there; this registers the tsconfig path aliases for them.
const path = require('node:path');
const { register } = require('tsconfig-paths');
const { compilerOptions } = require('../../tsconfig.base.json');

register({ baseUrl: path.resolve(__dirname, '../..'), paths: compilerOptions.paths });
