import { defineConfig } from 'vitest/config';

// The integration suite runs on PostgreSQL: TEST_DATABASE_URL's server when it is set, else an embedded
// PostgreSQL in .cache/test-postgres (src/test/global-setup.ts creates and drops the run's database).
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
          name: 'postgres',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['test/browser/**'],
          globalSetup: ['src/test/global-setup.ts'],
        },
      },
    ],
  },
});
