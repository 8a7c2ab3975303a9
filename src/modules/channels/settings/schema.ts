/** JSON schemas of the channel settings admin API. */
export const TAGS = ['admin: channels'];

export const channelSettingsSchema = {
  type: 'object',
  properties: {
    chat_enabled: { type: 'boolean' },
    chat_team: {
      type: ['integer', 'null'],
      description: 'team whose routing offers chats; null — every available agent',
    },
    chat_offer_timeout_seconds: { type: 'integer' },
    phone_default_region: { type: 'string', description: 'ISO 3166 region for numbers without +country' },
    has_chat_identity_secret: { type: 'boolean' },
    has_telephony_secret: { type: 'boolean' },
    has_social_secret: { type: 'boolean' },
  },
} as const;

export const updateChannelSettingsBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    chat_enabled: { type: 'boolean' },
    chat_team: { type: ['integer', 'null'], minimum: 1, maximum: 2147483647 },
    chat_offer_timeout_seconds: { type: 'integer', minimum: 10, maximum: 3600 },
    phone_default_region: { type: 'string', pattern: '^[A-Za-z]{2}$' },
  },
} as const;

export const secretParams = {
  type: 'object',
  properties: { kind: { type: 'string', enum: ['chat_identity', 'telephony', 'social'] } },
  required: ['kind'],
} as const;

export const secretSchema = {
  type: 'object',
  properties: { kind: { type: 'string' }, secret: { type: ['string', 'null'] } },
} as const;
