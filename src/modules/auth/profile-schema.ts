/** Schemas of the customer's own profile (/api/auth/customer/profile and …/password). */
import { problems } from '../../platform/http/json-schema.js';
import { MIN_PASSWORD_LENGTH } from '../../platform/auth/passwords.js';
import { CUSTOMER_LANGUAGES, type CustomerProfileChange } from './customer-profile.js';

const TAGS = ['auth'];
const language = {
  type: 'string',
  enum: [...CUSTOMER_LANGUAGES],
  description: "'en' or 'de'; '' = not chosen (the portal follows the browser, mails the workspace)",
} as const;

const profile = {
  type: 'object',
  properties: {
    email: { type: 'string', description: 'The login address (changed by support, not here)' },
    name: { type: 'string' },
    language,
    has_password: {
      type: 'boolean',
      description: 'false: the account only logs in with emailed links; set one with a password link',
    },
  },
  required: ['email', 'name', 'language', 'has_password'],
  additionalProperties: false,
} as const;

export const getProfileSchema = {
  tags: TAGS,
  summary: 'The logged-in customer’s own profile',
  response: { 200: profile, ...problems(401, 403) },
} as const;

export type ProfileBody = CustomerProfileChange;

export const updateProfileSchema = {
  tags: TAGS,
  summary: 'Change the logged-in customer’s display name and language (omitted = unchanged)',
  body: {
    type: 'object',
    properties: { name: { type: 'string', minLength: 1, maxLength: 150, pattern: '\\S' }, language },
    additionalProperties: false,
  },
  response: { 200: profile, ...problems(400, 401, 403) },
} as const;

export interface ChangePasswordBody {
  current_password: string;
  new_password: string;
}

export const changePasswordSchema = {
  tags: TAGS,
  summary: 'Change the logged-in customer’s password',
  description:
    'The current password is required (wrong: 400 on current_password). Every other session of the ' +
    'customer ends and unused password links are spent; this session stays. An account without a ' +
    'password answers 422: ask for a link with POST /api/auth/customer/password/forgot.',
  body: {
    type: 'object',
    properties: {
      current_password: { type: 'string', minLength: 1, maxLength: 1024 },
      new_password: { type: 'string', minLength: MIN_PASSWORD_LENGTH, maxLength: 1024 },
    },
    required: ['current_password', 'new_password'],
    additionalProperties: false,
  },
  response: {
    200: {
      type: 'object',
      properties: { ended_sessions: { type: 'integer', description: 'Other sessions that were ended' } },
      required: ['ended_sessions'],
    },
    ...problems(400, 401, 403, 422, 429),
  },
} as const;
