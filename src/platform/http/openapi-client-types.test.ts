import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLIENT_TYPES_PATH, generateClientTypes } from './openapi-client-types.js';

describe('the SPA client types (web/src/api/schema.d.ts)', () => {
  it('match the OpenAPI document the server builds now (else run `npm run gen:api`)', async () => {
    const committed = readFileSync(CLIENT_TYPES_PATH, 'utf8');
    const fresh = await generateClientTypes();
    expect(
      committed === fresh,
      'web/src/api/schema.d.ts drifted from the server: run `npm run gen:api`',
    ).toBe(true);
    expect(fresh).toContain('"/api/support/tickets/{id}/reply/"');
  }, 30_000);
});
