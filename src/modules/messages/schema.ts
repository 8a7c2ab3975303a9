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
  },
  additionalProperties: false,
} as const;
