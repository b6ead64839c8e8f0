// Lint rules for FlameLens (`npm run lint`, the first step of `npm test`). Layout is prettier's job
// (.prettierrc.json), so no rule here is about formatting: these catch mistakes.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    // Built or generated output, installed tools, and fixtures that are deliberately odd code.
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      '.vscode-test/**',
      'test/fixtures/**',
      'bench/node_modules/**',
      'bench/inputs/**',
      'bench/results/**',
      'media/**',
      'demo-output/**',
      'examples/demo-app/dist/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // `_name` marks a parameter a signature needs but the body does not use.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Control characters in a pattern are the point where terminal output and JSON text are sanitized.
      'no-control-regex': 'off',
      // The build is CommonJS: require() is how a file reads package.json or loads a module only when needed.
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    // Promises nobody awaits lose their errors. These rules need the types, so they run on the
    // TypeScript projects only (tsconfig.json, webview-ui/tsconfig.json): ~15 s on 2 cores.
    files: ['src/**/*.ts', 'test/**/*.ts', 'webview-ui/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    // Extension host, engine, CLI and tests run in Node.
    files: ['src/**/*.ts', 'test/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Tests feed deliberately malformed input and read back JSON whose shape is what they check.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The webviews run in a browser page.
    files: ['webview-ui/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Plain CommonJS scripts run by Node: benchmarks, test setup, the CLI's launcher, build config.
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    // `const { performance } = require('node:perf_hooks')` names a global on purpose (older Nodes).
    rules: { 'no-redeclare': ['error', { builtinGlobals: false }] },
  },
  {
    // Benchmark code that runs in a browser page: the pages' scripts, and the functions the browser
    // harness and runners hand to page.evaluate().
    files: ['bench/browser/**/*.js', 'bench/runners/b3-open-profile.js', 'bench/runners/b4-measure.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
