// Build and test configuration: the app and its worker for the browser; Vitest runs the engine's
// tests in Node.
import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { paraglideVitePlugin } from '@inlang/paraglide-js';

export default defineConfig({
  plugins: [
    // The page's text: compiled from src/app/i18n/{en,nl}.json into src/paraglide (see `npm run i18n`).
    // Vitest reads the compiled catalogues as they are (its watcher would keep the run from ending).
    ...(process.env.VITEST ? [] : [paraglideVitePlugin({ project: './project.inlang', outdir: './src/paraglide', strategy: ['localStorage', 'preferredLanguage', 'baseLocale'] })]),
    svelte()
  ],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 600 },
  test: {
    include: ['test/engine/**/*.test.ts', 'test/scripts/**/*.test.ts', 'test/app/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000
  }
});
