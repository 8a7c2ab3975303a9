/** Request and response schemas of /api/auth: they validate, serialise and document (OpenAPI). */
import { MIN_PASSWORD_LENGTH } from '../../platform/auth/passwords.js';
import { problems } from '../../platform/http/json-schema.js';

const TAGS = ['auth'];

const id = { type: 'integer' } as const;
const email = { type: 'string', minLength: 1, maxLength: 254 } as const;
/** Bounded so nobody makes the server hash megabytes. */
const password = { type: 'string', minLength: 1, maxLength: 1024 } as const;
const role = { type: 'string', enum: ['admin', 'agent'] } as const;

export const workspaceSummary = {
  type: 'object',
  properties: { id, slug: { type: 'string' }, name: { type: 'string' } },
  required: ['id', 'slug', 'name'],
} as const;

const person = {
  type: 'object',
  properties: { id, email: { type: 'string' }, name: { type: 'string' } },
  required: ['id', 'email', 'name'],
} as const;

const csrfToken = {
  type: 'string',
  description: 'Send it as X-CSRF-Token on every cookie-authenticated write',
} as const;

// ---------------------------------------------------------------------------------------------------
// Staff
// ---------------------------------------------------------------------------------------------------

export interface StaffLoginBody {
  email: string;
  password: string;
  workspace?: string;
}

const staffSession = {
  type: 'object',
  properties: { user: person, workspace: workspaceSummary, role, csrf_token: csrfToken },
  required: ['user', 'workspace', 'role', 'csrf_token'],
} as const;

export const staffLoginSchema = {
  tags: TAGS,
  summary: 'Log in as staff (sets the session cookie)',
  description:
    'Opens a session in the workspace named by `workspace` or X-Workspace, else in the first workspace ' +
    'the user belongs to. Unknown email, wrong password and a workspace the user is not a member of all ' +
    'answer the same 401.',
  security: [],
  body: {
    type: 'object',
    properties: { email, password, workspace: { type: 'string', minLength: 1, maxLength: 63 } },
    required: ['email', 'password'],
    additionalProperties: false,
  },
  response: { 200: staffSession, ...problems(400, 401, 429) },
} as const;

export const logoutSchema = {
  tags: TAGS,
  summary: 'Log out (ends the session, clears the cookie)',
  response: { 204: { type: 'null', description: 'Logged out' }, ...problems(401, 403) },
} as const;

export const meSchema = {
  tags: TAGS,
  summary: 'Who is calling',
  description: 'csrf_token is set only for a session (cookie); bearer tokens need none.',
  response: {
    200: {
      anyOf: [
        {
          type: 'object',
          properties: {
            kind: { type: 'string', enum: ['staff'] },
            user: person,
            workspace: workspaceSummary,
            role,
            workspaces: {
              type: 'array',
              items: {
                type: 'object',
                properties: { slug: { type: 'string' }, name: { type: 'string' }, role },
                required: ['slug', 'name', 'role'],
              },
            },
            csrf_token: { type: ['string', 'null'] },
          },
          required: ['kind', 'user', 'workspace', 'role', 'workspaces', 'csrf_token'],
        },
        {
          type: 'object',
          properties: {
            kind: { type: 'string', enum: ['customer'] },
            customer: person,
            workspace: workspaceSummary,
            csrf_token: { type: ['string', 'null'] },
          },
          required: ['kind', 'customer', 'workspace', 'csrf_token'],
        },
      ],
    },
    ...problems(401),
  },
} as const;

// ---------------------------------------------------------------------------------------------------
// Customers
// ---------------------------------------------------------------------------------------------------

export interface CustomerRegisterBody {
  email: string;
  password: string;
  name: string;
}

export interface CustomerLoginBody {
  email: string;
  password: string;
}

export interface MagicLinkBody {
  email: string;
}

export interface ConsumeQuery {
  token: string;
  workspace?: string;
}

const customerSession = {
  type: 'object',
  properties: { customer: person, workspace: workspaceSummary, csrf_token: csrfToken },
  required: ['customer', 'workspace', 'csrf_token'],
} as const;

const workspaceQuery = {
  type: 'object',
  properties: { workspace: { type: 'string', description: 'The workspace slug (or send X-Workspace)' } },
} as const;

export const customerRegisterSchema = {
  tags: TAGS,
  summary: 'Register as a customer (and log in)',
  description:
    'An email that already has an account answers 409, also when the account has no password yet ' +
    '(staff opened a ticket for it): such customers log in with the magic link.',
  security: [],
  querystring: workspaceQuery,
  body: {
    type: 'object',
    properties: {
      email,
      password: { ...password, minLength: MIN_PASSWORD_LENGTH },
      name: { type: 'string', minLength: 1, maxLength: 150 },
    },
    required: ['email', 'password', 'name'],
    additionalProperties: false,
  },
  response: { 201: customerSession, ...problems(400, 409, 429) },
} as const;

export const customerLoginSchema = {
  tags: TAGS,
  summary: 'Log in as a customer (sets the session cookie)',
  security: [],
  querystring: workspaceQuery,
  body: {
    type: 'object',
    properties: { email, password },
    required: ['email', 'password'],
    additionalProperties: false,
  },
  response: { 200: customerSession, ...problems(400, 401, 429) },
} as const;

export const magicLinkSchema = {
  tags: TAGS,
  summary: 'Email a one-time login link to a customer',
  description:
    'Always 202, whether or not the email belongs to a customer. The link works once, for 15 minutes.',
  security: [],
  querystring: workspaceQuery,
  body: {
    type: 'object',
    properties: { email },
    required: ['email'],
    additionalProperties: false,
  },
  response: {
    202: { type: 'object', properties: { status: { type: 'string', enum: ['sent'] } }, required: ['status'] },
    ...problems(400, 429),
  },
} as const;

const consumeQuery = {
  type: 'object',
  properties: {
    token: { type: 'string', minLength: 1, maxLength: 200 },
    workspace: { type: 'string', description: 'The workspace slug (the emailed link carries it)' },
  },
  required: ['token'],
} as const;

export const consumeRedirectSchema = {
  tags: TAGS,
  summary: 'Follow a login link (sets the session cookie, redirects to /)',
  security: [],
  querystring: consumeQuery,
  response: { 303: { type: 'null', description: 'Logged in; see Location' }, ...problems(400, 401) },
} as const;

export const consumeJsonSchema = {
  tags: TAGS,
  summary: 'Use a login link from a script or the SPA (sets the session cookie)',
  security: [],
  querystring: consumeQuery,
  response: { 200: customerSession, ...problems(400, 401) },
} as const;
