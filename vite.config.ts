// Build and test configuration: the app and its worker for the browser; Vitest runs the engine's
// tests in Node.
import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  plugins: [svelte()],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 600 },
  test: {
    include: ['test/engine/**/*.test.ts', 'test/scripts/**/*.test.ts', 'test/app/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000
  }
});
