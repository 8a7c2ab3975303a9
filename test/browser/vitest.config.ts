import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The browser specs: they need `npm run build` and `npm run build:web` first, and Chromium at
// /usr/bin/chromium (or CHROMIUM_PATH). Run with `vitest run --config test/browser/vitest.config.ts`.
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    name: 'browser',
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
