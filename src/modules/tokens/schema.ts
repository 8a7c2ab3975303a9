/** Schemas of /api/auth/tokens: a staff member's bearer tokens. */
import { PAGINATION_QUERY } from '../../platform/pagination.js';
import { problems } from '../../platform/http/json-schema.js';
import { MAX_TOKEN_LIFETIME_DAYS } from './issue-api-token.js';

const TAGS = ['auth'];
const timestamp = { type: 'string', format: 'date-time' } as const;
const nullableTimestamp = { type: ['string', 'null'], format: 'date-time' } as const;

const apiToken = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    name: { type: 'string' },
    token_prefix: { type: 'string', description: 'The first characters of the token, to recognise it' },
    created_at: timestamp,
    last_used_at: nullableTimestamp,
    expires_at: nullableTimestamp,
    revoked_at: nullableTimestamp,
  },
  required: ['id', 'name', 'token_prefix', 'created_at', 'last_used_at', 'expires_at', 'revoked_at'],
} as const;

export interface ListTokensQuery {
  limit?: number;
  cursor?: string;
}

export interface CreateTokenBody {
  name: string;
  expires_in_days?: number;
}

export interface TokenParams {
  id: number;
}

export const listTokensSchema = {
  tags: TAGS,
  summary: 'List my API tokens in this workspace',
  querystring: {
    type: 'object',
    properties: PAGINATION_QUERY,
    additionalProperties: false,
  },
  response: {
    200: {
      type: 'object',
      properties: { results: { type: 'array', items: apiToken }, next_cursor: { type: ['string', 'null'] } },
      required: ['results', 'next_cursor'],
    },
    ...problems(400, 401, 403),
  },
} as const;

export const createTokenSchema = {
  tags: TAGS,
  summary: 'Create an API token for myself (shown once)',
  description:
    'The `token` is in this answer only; use it as `Authorization: Bearer <token>`. Honours Idempotency-Key.',
  body: {
    type: 'object',
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 100 },
      expires_in_days: { type: 'integer', minimum: 1, maximum: MAX_TOKEN_LIFETIME_DAYS },
    },
    required: ['name'],
    additionalProperties: false,
  },
  response: {
    201: {
      type: 'object',
      properties: {
        ...apiToken.properties,
        token: { type: ['string', 'null'], description: 'null when an Idempotency-Key replay answers' },
      },
      required: [...apiToken.required, 'token'],
    },
    ...problems(400, 401, 403),
  },
} as const;

export const revokeTokenSchema = {
  tags: TAGS,
  summary: 'Revoke an API token (mine; an admin may revoke any in the workspace)',
  params: {
    type: 'object',
    properties: { id: { type: 'integer', minimum: 1 } },
    required: ['id'],
  },
  response: { 204: { type: 'null', description: 'Revoked' }, ...problems(400, 401, 403, 404) },
} as const;
