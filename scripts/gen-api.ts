// Writes web/src/api/schema.d.ts (the SPA client's types) from the server's OpenAPI document.
import { writeFileSync } from 'node:fs';
import { CLIENT_TYPES_PATH, generateClientTypes } from '../src/platform/http/openapi-client-types.js';

writeFileSync(CLIENT_TYPES_PATH, await generateClientTypes());
process.stdout.write(`wrote ${CLIENT_TYPES_PATH}\n`);
