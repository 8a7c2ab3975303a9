import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../http/openapi-document.js';
import { EVENT_CATALOGUE, EVENT_TYPES } from './catalogue.js';

interface Doc {
  paths: Record<string, Record<string, { description?: string }>>;
  components: { schemas: Record<string, Record<string, unknown>> };
}

describe('the event catalogue in the OpenAPI document', () => {
  it('has each event payload as a component named after its type, and the stream links to them', async () => {
    const doc = (await buildOpenApiDocument()) as unknown as Doc;
    for (const type of EVENT_TYPES) {
      const schema = doc.components.schemas[type];
      expect(schema, type).toBeDefined();
      expect(schema?.['x-event-subject']).toBe(EVENT_CATALOGUE[type].subject);
      expect(schema?.additionalProperties).toBe(false);
      expect(Object.keys(schema?.properties as object).sort()).toEqual(
        Object.keys(EVENT_CATALOGUE[type].payload.properties as object).sort(),
      );
    }
    expect(doc.components.schemas['ticket.assigned']?.required).toEqual(
      expect.arrayContaining(['ticket_id', 'action', 'to_user_id']),
    );
    const stream = doc.paths['/api/support/events/stream']?.get?.description ?? '';
    for (const type of EVENT_TYPES) expect(stream).toContain(`(#/components/schemas/${type})`);
  }, 30_000);
});
