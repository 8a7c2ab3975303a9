/** Tables of the platform: workspaces, identities, sessions, tokens, idempotency keys. */
import type { ColumnType, Generated } from 'kysely';
import type {
  Availability,
  CreatedAt,
  JsonValue,
  Nullable,
  NullableTimestamp,
  Timestamp,
  MemberRole,
} from './columns.js';

// ---------------------------------------------------------------------------------------------------
// 0001: platform
// ---------------------------------------------------------------------------------------------------

/** A tenant: every other table (but users) is scoped to one workspace. */
export interface WorkspacesTable {
  id: Generated<number>;
  slug: string;
  name: string;
  default_language: Generated<string>;
  timezone: Generated<string>;
  ticket_prefix: string;
  next_ticket_number: Generated<number>;
  /** Hours within which a similar ticket of the same customer or order is a possible duplicate (0034). */
  duplicate_window_hours: Generated<number>;
  default_priority: Generated<string>;
  order_url_template: Generated<string>;
  consignment_url_template: Generated<string>;
  /** 0025: #rrggbb or '' (the product's own colour). */
  accent_color: Generated<string>;
  /** 0025: an https URL or a path on this server, or ''. */
  logo_url: Generated<string>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

/** common.User: an install-wide staff account (the role lives on the membership). */
export interface UsersTable {
  id: Generated<number>;
  email: string;
  name: Generated<string>;
  password_hash: Nullable<string>;
  is_active: Generated<boolean>;
  last_login_at: NullableTimestamp;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

/** A staff user's membership (and role) in one workspace. */
export interface WorkspaceMembershipsTable {
  workspace_id: number;
  user_id: number;
  role: MemberRole;
  created_at: CreatedAt;
  /** Whether the member takes automatically assigned tickets now; migration 0009. */
  availability: Generated<Availability>;
  availability_changed_at: NullableTimestamp;
  /** Set while the member is deactivated in this workspace (no login, no tokens); migration 0024. */
  deactivated_at: NullableTimestamp;
}

/** common.Customer: a workspace's customer. */
export interface CustomersTable {
  id: Generated<number>;
  workspace_id: number;
  email: string;
  name: Generated<string>;
  phone: Generated<string>;
  password_hash: Nullable<string>;
  is_active: Generated<boolean>;
  email_verified_at: NullableTimestamp;
  /** 'en' | 'de', or '' when the customer has not chosen (0043). */
  language: Generated<string>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

/** A cookie session of a staff user or a customer (token stored as SHA-256). */
export interface SessionsTable {
  id: Generated<number>;
  workspace_id: number;
  token_hash: string;
  user_id: Nullable<number>;
  customer_id: Nullable<number>;
  user_agent: Generated<string>;
  created_at: CreatedAt;
  last_seen_at: CreatedAt;
  expires_at: Timestamp;
}

/** A staff member's bearer API token (stored hashed). */
export interface ApiTokensTable {
  id: Generated<number>;
  workspace_id: number;
  user_id: number;
  name: Generated<string>;
  token_hash: string;
  token_prefix: string;
  last_used_at: NullableTimestamp;
  expires_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
  created_at: CreatedAt;
}

/** A one-time customer login (magic) link. */
export interface CustomerLoginTokensTable {
  id: Generated<number>;
  workspace_id: number;
  customer_id: number;
  token_hash: string;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
  created_at: CreatedAt;
}

/** A one-time link that sets a password: a staff invitation or a reset; migration 0024. */
export interface PasswordTokensTable {
  id: Generated<number>;
  workspace_id: number;
  user_id: Nullable<number>;
  customer_id: Nullable<number>;
  purpose: 'invite' | 'reset';
  token_hash: string;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
  created_at: CreatedAt;
}

/** A remembered answer for an Idempotency-Key (per principal, 24 h). */
export interface IdempotencyKeysTable {
  workspace_id: number;
  principal: string;
  key: string;
  request_hash: string;
  status_code: Nullable<number>;
  response_body: ColumnType<JsonValue | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
}
