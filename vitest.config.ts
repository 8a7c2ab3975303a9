import { defineConfig } from 'vitest/config';

// The integration suite runs on PGlite always, and a second time on PostgreSQL when TEST_DATABASE_URL
// is set (the harness creates and drops a fresh database there).
const postgres = process.env.TEST_DATABASE_URL;

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: 'web', include: ['web/src/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'pglite',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['test/browser/**'],
          env: { TEST_DB_KIND: 'pglite' },
          globalSetup: ['src/test/global-setup.ts'],
        },
      },
      ...(postgres
        ? [
            {
              extends: true as const,
              test: {
                name: 'postgres',
                include: ['src/**/*.test.ts'],
                env: { TEST_DB_KIND: 'postgres' },
                globalSetup: ['src/test/global-setup.ts'],
              },
            },
          ]
        : []),
    ],
  },
});
