// Writes web/src/api/schema.d.ts (the SPA client's types) from the server's OpenAPI document, and
// web/src/api/event-catalogue.ts (the event types) from its event catalogue.
import { writeFileSync } from 'node:fs';
import {
  CLIENT_TYPES_PATH,
  EVENT_CATALOGUE_PATH,
  generateClientTypes,
  generateEventCatalogue,
} from '../src/platform/http/openapi-client-types.js';

writeFileSync(CLIENT_TYPES_PATH, await generateClientTypes());
process.stdout.write(`wrote ${CLIENT_TYPES_PATH}\n`);
writeFileSync(EVENT_CATALOGUE_PATH, generateEventCatalogue());
process.stdout.write(`wrote ${EVENT_CATALOGUE_PATH}\n`);
