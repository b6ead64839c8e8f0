// Two bundles: the extension host side (Node, `vscode` external, plus the bootloader and the
// analysis worker as files of their own because they are loaded by path), and the webview (web).
'use strict';
const path = require('node:path');

const tsRule = {
  test: /\.ts$/,
  exclude: /node_modules/,
  // ES modules out of ts-loader, so webpack can split dynamic import()s into lazily loaded chunks.
  use: [{ loader: 'ts-loader', options: { transpileOnly: true, configFile: path.resolve(__dirname, 'tsconfig.json'), compilerOptions: { module: 'es2020' } } }],
};

/** @type {import('webpack').Configuration} */
const extension = {
  name: 'extension',
  target: 'node',
  entry: {
    extension: './src/extension/extension.ts',
    bootloader: './src/core/inspector/bootloader.ts',
    analysisWorker: './src/core/analysis/analysisWorker.ts',
    heapWorker: './src/core/analysis/heapWorker.ts',
  },
  output: { path: path.resolve(__dirname, 'dist'), filename: '[name].js', libraryTarget: 'commonjs2' },
  externals: { vscode: 'commonjs vscode' },
  resolve: { extensions: ['.ts', '.js'] },
  // createRequire(...) stays Node's own: the bootloader resolves tsx's esbuild at run time, in the user's program.
  module: { rules: [tsRule], parser: { javascript: { createRequire: false } } },
  node: { __dirname: false },
  devtool: 'source-map',
  performance: { hints: false },
};

/** @type {import('webpack').Configuration} */
const webview = {
  name: 'webview',
  target: 'web',
  // One bundle per page (webview-ui/src/<kind>/), each mounted by shared/mountPage.ts.
  entry: {
    profile: './webview-ui/src/profile/main.ts',
    heapSnapshot: './webview-ui/src/heap/snapshotMain.ts',
    heapComparison: './webview-ui/src/heap/comparisonMain.ts',
    timeline: './webview-ui/src/timeline/main.ts',
    allocation: './webview-ui/src/allocation/main.ts',
  },
  output: { path: path.resolve(__dirname, 'dist'), filename: '[name].js' },
  resolve: {
    extensions: ['.ts', '.js'],
    // d3-flame-graph imports its stylesheet; the panel styles frames itself (theme colours, CSP).
    alias: { [path.resolve(__dirname, 'node_modules/d3-flame-graph/dist/d3-flamegraph.css')]: false },
  },
  module: { rules: [tsRule] },
  devtool: 'source-map',
  performance: { hints: false },
};

/**
 * The standalone HTML report's page (webview-ui/src/report/), inlined into every report by
 * src/core/report/htmlReport.ts with its sha256 in the report's CSP. No source map: the file is
 * copied into the page, where a map reference would point nowhere.
 * @type {import('webpack').Configuration}
 */
const report = {
  name: 'report',
  target: 'web',
  entry: { report: './webview-ui/src/report/main.ts' },
  output: { path: path.resolve(__dirname, 'dist'), filename: '[name].js' },
  resolve: {
    extensions: ['.ts', '.js'],
    // The report inlines d3-flamegraph.css itself (the CSP allows that <style> by hash); the import would inject a second one.
    alias: { [path.resolve(__dirname, 'node_modules/d3-flame-graph/dist/d3-flamegraph.css')]: false },
  },
  module: { rules: [tsRule] },
  devtool: false,
  performance: { hints: false },
};

module.exports = [extension, webview, report];
