/** JSON schema of the social/API inbound webhook. */
export const socialMessageBody = {
  type: 'object',
  additionalProperties: false,
  required: ['source', 'message_id', 'conversation_id', 'user', 'text'],
  properties: {
    channel: { type: 'string', enum: ['social', 'api'], description: 'the ticket channel (default social)' },
    source: {
      type: 'string',
      pattern: '^[a-z0-9][a-z0-9_.-]{0,39}$',
      description: 'e.g. instagram, facebook, crm',
    },
    message_id: { type: 'string', minLength: 1, maxLength: 150 },
    conversation_id: { type: 'string', minLength: 1, maxLength: 200 },
    user: {
      type: 'object',
      additionalProperties: false,
      required: ['id'],
      properties: {
        id: { type: 'string', minLength: 1, maxLength: 200 },
        name: { type: 'string', maxLength: 200 },
        email: { type: 'string', maxLength: 254 },
        handle: { type: 'string', maxLength: 200 },
      },
    },
    text: { type: 'string', minLength: 1, maxLength: 50000 },
    subject: { type: 'string', maxLength: 255 },
  },
} as const;
