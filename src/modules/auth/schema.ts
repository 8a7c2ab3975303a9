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
  language?: 'en' | 'de';
}

export interface CustomerLoginBody {
  email: string;
  password: string;
}

export interface MagicLinkBody {
  email: string;
  language?: 'en' | 'de';
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

/** The language of the page that asks for an account mail. */
const mailLanguage = (use: string) =>
  ({ type: 'string', enum: ['en', 'de'], description: `The mail's language ${use}` }) as const;
const pageLanguage = mailLanguage('when the account has not chosen one (default: the workspace’s)');

const sent = {
  type: 'object',
  properties: { status: { type: 'string', enum: ['sent'] } },
  required: ['status'],
} as const;

export const customerRegisterSchema = {
  tags: TAGS,
  summary: 'Register as a customer (a link to confirm the address is mailed)',
  description:
    'Always 202 and nobody is logged in, whether or not the email already has an account, so ' +
    'registration cannot tell who is a customer. A new address gets the account and a link (15 minutes, ' +
    'once) that confirms it and logs in; an existing account is never changed, and its owner is mailed a ' +
    'login link with a note that they already have an account.',
  security: [],
  querystring: workspaceQuery,
  body: {
    type: 'object',
    properties: {
      email,
      password: { ...password, minLength: MIN_PASSWORD_LENGTH },
      name: { type: 'string', minLength: 1, maxLength: 150 },
      language: mailLanguage('and the new account’s language (default: the workspace’s)'),
    },
    required: ['email', 'password', 'name'],
    additionalProperties: false,
  },
  response: { 202: sent, ...problems(400, 429) },
} as const;

export const customerLoginSchema = {
  tags: TAGS,
  summary: 'Log in as a customer (sets the session cookie)',
  description:
    'A wrong email or password answers 401. The right password of an account whose email address is ' +
    'not confirmed yet (a sign-up whose link was not used) answers 403 EMAIL_NOT_CONFIRMED: use the ' +
    'emailed link, or ask for a new login link (POST /api/auth/customer/magic-link), which confirms it.',
  security: [],
  querystring: workspaceQuery,
  body: {
    type: 'object',
    properties: { email, password },
    required: ['email', 'password'],
    additionalProperties: false,
  },
  response: { 200: customerSession, ...problems(400, 401, 403, 429) },
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
    properties: { email, language: pageLanguage },
    required: ['email'],
    additionalProperties: false,
  },
  response: {
    202: sent,
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

export const consumePageSchema = {
  tags: TAGS,
  summary: 'Open a login link: a page with a "Log in" button (spends nothing)',
  description:
    'Mail scanners pre-open links, and a link alone must not log anyone in: the page posts the link ' +
    'back when the person presses the button.',
  security: [],
  querystring: consumeQuery,
  response: {
    200: {
      description: 'An HTML page with the form',
      content: { 'text/html': { schema: { type: 'string' } } },
    },
    ...problems(400),
  },
} as const;

export const consumeSchema = {
  tags: TAGS,
  summary: 'Use a login link (sets the session cookie)',
  description:
    "From the page's form (application/x-www-form-urlencoded, same origin only): 303 to /. From a " +
    'script or the SPA (no body or JSON): 200 like a login. The link works once.',
  security: [],
  querystring: consumeQuery,
  response: {
    200: customerSession,
    303: { type: 'null', description: 'Logged in (the form); see Location' },
    ...problems(400, 401, 403),
  },
} as const;

// ---------------------------------------------------------------------------------------------------
// Passwords: forgotten, invitations
// ---------------------------------------------------------------------------------------------------

export interface ForgotPasswordBody {
  email: string;
  language?: 'en' | 'de';
}

export interface ResetPasswordBody {
  token: string;
  password: string;
}

export const forgotPasswordSchema = {
  tags: TAGS,
  description:
    'Always 202, whether or not the address has an account. The emailed link works once, for 60 ' +
    'minutes; asking again spends the older link.',
  security: [],
  querystring: workspaceQuery,
  body: {
    type: 'object',
    properties: { email, language: pageLanguage },
    required: ['email'],
    additionalProperties: false,
  },
  response: { 202: sent, ...problems(400, 429) },
} as const;

export const resetPasswordSchema = {
  tags: TAGS,
  summary: 'Set a password with an emailed link (a reset or a staff invitation)',
  description:
    "The link works once. It ends every session of the person; a customer's link also confirms the " +
    'email address. Then log in with the new password (kind says where: staff or customer).',
  security: [],
  querystring: workspaceQuery,
  body: {
    type: 'object',
    properties: {
      token: { type: 'string', minLength: 1, maxLength: 200 },
      password: { ...password, minLength: MIN_PASSWORD_LENGTH },
    },
    required: ['token', 'password'],
    additionalProperties: false,
  },
  response: {
    200: {
      type: 'object',
      properties: { kind: { type: 'string', enum: ['staff', 'customer'] }, email: { type: 'string' } },
      required: ['kind', 'email'],
    },
    ...problems(400, 401, 429),
  },
} as const;
