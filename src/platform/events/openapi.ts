/**
 * The event catalogue in the OpenAPI document: each event type's payload schema is a component named
 * after the type (`#/components/schemas/ticket.created`), described and marked with its subject
 * (`x-event-subject`). The stream's description points at them, and the SPA's
 * generated client types the stream's payloads from them (web/src/api/schema.d.ts), while
 * `npm run gen:api` writes the runtime list of the types (web/src/api/event-catalogue.ts).
 */
import { eventCatalogueDocument, EVENT_TYPES, type EventType } from './catalogue.js';

/** Where the payload schema of `type` is in the OpenAPI document. */
export const eventSchemaRef = (type: EventType): string => `#/components/schemas/${type}`;

/** The payload schemas as OpenAPI components, one per event type. */
export function eventSchemaComponents(): Record<EventType, Record<string, unknown>> {
  const catalogue = eventCatalogueDocument();
  return Object.fromEntries(
    EVENT_TYPES.map((type) => {
      const entry = catalogue[type];
      const component: Record<string, unknown> = {
        ...entry.payload,
        title: type,
        description: `${entry.description} (the payload of \`${type}\` events)`,
        'x-event-subject': entry.subject,
      };
      return [type, component];
    }),
  ) as Record<EventType, Record<string, unknown>>;
}

/** A Markdown list of the event types with links to their payload components. */
export function eventTypeList(types: readonly EventType[] = EVENT_TYPES): string {
  return types.map((type) => `- [\`${type}\`](${eventSchemaRef(type)})`).join('\n');
}
