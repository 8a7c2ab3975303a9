/** Schemas of /api/support/admin/staff/: the workspace's staff accounts (admins only). */
import type { MemberRole } from '../../db/schema.js';
import { problems } from '../../platform/http/json-schema.js';

const tags = ['admin: staff'];
const ts = { type: 'string', format: 'date-time' } as const;
const nullableTs = { type: ['string', 'null'], format: 'date-time' } as const;
const role = { type: 'string', enum: ['admin', 'agent'] } as const;

export const staffMember = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    email: { type: 'string' },
    name: { type: 'string' },
    role,
    status: {
      type: 'string',
      enum: ['active', 'invited', 'deactivated'],
      description: 'invited: no password set yet',
    },
    deactivated_at: nullableTs,
    last_login_at: nullableTs,
    created_at: ts,
    can: {
      type: 'object',
      properties: {
        change_role: { type: 'boolean' },
        deactivate: { type: 'boolean' },
        reactivate: { type: 'boolean' },
        send_password_link: { type: 'boolean' },
      },
      required: ['change_role', 'deactivate', 'reactivate', 'send_password_link'],
    },
  },
  required: ['id', 'email', 'name', 'role', 'status', 'deactivated_at', 'last_login_at', 'created_at', 'can'],
} as const;

export interface StaffParams {
  id: number;
}
export interface InviteStaffBody {
  email: string;
  name?: string;
  role: MemberRole;
}
export interface UpdateStaffBody {
  role: MemberRole;
}

const params = {
  type: 'object',
  properties: { id: { type: 'integer', minimum: 1, maximum: 2147483647 } },
  required: ['id'],
} as const;

export const listStaffSchema = {
  tags,
  summary: 'The workspace’s staff members (active first)',
  response: {
    200: {
      type: 'object',
      properties: { results: { type: 'array', items: staffMember } },
      required: ['results'],
    },
    ...problems(401, 403),
  },
} as const;

export const inviteStaffSchema = {
  tags,
  summary: 'Invite a staff member by email',
  description:
    'A new address gets an account without a password and an emailed link to set one (a week, once). ' +
    'An existing account (a member of another workspace) joins with its own password and is told so. ' +
    'A member of this workspace already → 409.',
  body: {
    type: 'object',
    properties: {
      email: { type: 'string', minLength: 3, maxLength: 254 },
      name: { type: 'string', maxLength: 150 },
      role,
    },
    required: ['email', 'role'],
    additionalProperties: false,
  },
  response: { 201: staffMember, ...problems(400, 401, 403, 409) },
} as const;

export const updateStaffSchema = {
  tags,
  summary: 'Change a staff member’s role',
  description: 'Not your own (422): the caller stays an admin, so a workspace always keeps one.',
  params,
  body: { type: 'object', properties: { role }, required: ['role'], additionalProperties: false },
  response: { 200: staffMember, ...problems(400, 401, 403, 404, 422) },
} as const;

export const deactivateStaffSchema = {
  tags,
  summary: 'Deactivate a staff member',
  description:
    'Their sessions in this workspace end and their API tokens are revoked at once; they can no longer ' +
    'log in here. Their tickets, messages and history stay. Not yourself (422).',
  params,
  response: { 200: staffMember, ...problems(400, 401, 403, 404, 422) },
} as const;

export const reactivateStaffSchema = {
  tags,
  summary: 'Reactivate a deactivated staff member (their old tokens stay revoked)',
  params,
  response: { 200: staffMember, ...problems(400, 401, 403, 404, 422) },
} as const;

export const passwordLinkSchema = {
  tags,
  summary: 'Email a staff member a link to set their password',
  description: 'The invitation again while they have no password, else a reset link (one hour, once).',
  params,
  response: {
    202: {
      type: 'object',
      properties: { status: { type: 'string', enum: ['sent'] } },
      required: ['status'],
    },
    ...problems(400, 401, 403, 404, 422),
  },
} as const;
