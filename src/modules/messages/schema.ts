import { TICKET_STATUSES } from '../../db/schema.js';

export const replyBody = {
  type: 'object',
  properties: {
    message: {
      type: 'string',
      maxLength: 100_000,
      description: 'the text; may be omitted when a template is used',
    },
    is_internal: {
      type: 'boolean',
      description: 'staff only: an internal note, never shown to the customer',
    },
    template: {
      type: 'integer',
      description: 'staff only: a response template id, rendered with its placeholders',
    },
    status: { type: 'string', enum: TICKET_STATUSES, description: 'staff only: reply and set this status' },
    based_on: {
      type: 'integer',
      minimum: 1,
      description:
        'staff only: the ticket version this write is based on (`version` / ETag of the ticket; or send ' +
        'If-Match); 409 with the newer messages and changes when someone else changed the ticket since',
    },
  },
  additionalProperties: false,
} as const;
