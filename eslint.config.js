// Lint rules that keep the layers honest: the engine never reads the wall clock or Math.random and
// imports nothing of the app; the app sees the engine and the worker only as types.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const wallClockGlobals = ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'setImmediate',
  'requestAnimationFrame', 'cancelAnimationFrame', 'queueMicrotask', 'performance', 'window', 'document',
  'self', 'globalThis', 'process', 'crypto', 'fetch'].map((name) => ({
  name,
  message: 'The engine runs on its virtual clock and sees no host: use the scheduler or the seeded generator.'
}));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'src/paraglide/**', 'test-results/**', 'reports/**', 'playwright-report/**', '**/*.svelte'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error'
    }
  },
  {
    files: ['src/engine/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-globals': ['error', ...wallClockGlobals],
      'no-restricted-properties': ['error',
        { object: 'Math', property: 'random', message: 'Use the simulation\'s seeded generator (random.ts).' },
        { object: 'Date', property: 'now', message: 'The engine has a virtual clock; wall-clock time is not allowed.' }],
      'no-restricted-syntax': ['error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'new Date() reads the wall clock.' },
        { selector: "CallExpression[callee.name='Date']", message: 'Date() reads the wall clock.' }],
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/app/**', '**/workers/**', '**/lessons/**'], message: 'The engine imports nothing of the app.' },
          { group: ['svelte', 'svelte/*', 'd3-*', 'comlink'], message: 'The engine is plain TypeScript.' }
        ]
      }]
    }
  },
  {
    files: ['src/app/**/*.ts', 'src/lessons/**/*.ts', 'src/main.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        // The one exception: the engine's sentences rendered in the reader's language (engine/text.ts, pure functions).
        patterns: [{ group: ['**/engine/**', '!**/engine/text', '**/workers/**'], allowTypeImports: true,
          message: 'The app talks to the engine only through app/bridge, and imports engine or worker code as types only (engine/text excepted).' }]
      }]
    }
  },
  {
    files: ['workers/**/*.ts'],
    languageOptions: { globals: { ...globals.worker } },
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [{ group: ['**/app/**', '**/lessons/**'], message: 'The worker depends on the engine only.' }]
      }]
    }
  }
);
