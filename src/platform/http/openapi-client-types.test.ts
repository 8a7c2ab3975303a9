import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '../events/catalogue.js';
import {
  CLIENT_TYPES_PATH,
  EVENT_CATALOGUE_PATH,
  generateClientTypes,
  generateEventCatalogue,
} from './openapi-client-types.js';

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

  it('list the catalogue’s event types (web/src/api/event-catalogue.ts; else run `npm run gen:api`)', () => {
    const committed = readFileSync(EVENT_CATALOGUE_PATH, 'utf8');
    const fresh = generateEventCatalogue();
    expect(committed === fresh, 'web/src/api/event-catalogue.ts drifted: run `npm run gen:api`').toBe(true);
    for (const type of EVENT_TYPES) expect(fresh).toContain(`'${type}': '`);
  });
});
