const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('node:path');

/** The webpack config of a Node app of this repo (api, worker): its bundle in dist/apps/<name>. */
module.exports = (name) => ({
  output: { path: join(__dirname, '../../dist/apps', name), clean: true },
  devtool: 'source-map',
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: './src/main.ts',
      tsConfig: './tsconfig.app.json',
      optimization: false,
      outputHashing: 'none',
      generatePackageJson: false,
      skipTypeChecking: true,
      sourceMap: true,
    }),
  ],
});
