/** Outbound webhooks (0019) and agent notifications (0020). */
import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Nullable, NullableTimestamp } from './columns.js';

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivering', 'succeeded', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/** An admin's subscription of a URL to domain events. */
export interface WebhookSubscriptionsTable {
  id: Generated<number>;
  workspace_id: number;
  url: string;
  description: Generated<string>;
  secret: string;
  event_types: ColumnType<string[], string[], string[]>;
  include_internal: Generated<boolean>;
  is_active: Generated<boolean>;
  created_by_id: Nullable<number>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

/** One event for one subscription: the work item of `webhook.deliver` and its log entry. */
export interface WebhookDeliveriesTable {
  id: Generated<number>;
  workspace_id: number;
  subscription_id: number;
  event_id: number;
  event_type: string;
  order_key: Nullable<string>;
  body: string;
  status: Generated<WebhookDeliveryStatus>;
  attempts: Generated<number>;
  response_code: Nullable<number>;
  duration_ms: Nullable<number>;
  last_error: Generated<string>;
  next_attempt_at: CreatedAt;
  give_up_at: CreatedAt;
  claimed_at: NullableTimestamp;
  delivered_at: NullableTimestamp;
  created_at: CreatedAt;
}

export const NOTIFICATION_KINDS = [
  'assigned',
  'team_ticket',
  'customer_reply',
  'sla_warning',
  'sla_breach',
  'mention',
  'bad_rating',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** A staff member's choice of channels for one kind (no row: the kind's default). */
export interface NotificationPreferencesTable {
  workspace_id: number;
  user_id: number;
  kind: NotificationKind;
  in_app: boolean;
  email: boolean;
  updated_at: CreatedAt;
}

/** One notification of one staff member, at most one per (event, user, kind). */
export interface NotificationsTable {
  id: Generated<number>;
  workspace_id: number;
  user_id: number;
  kind: NotificationKind;
  event_id: number;
  ticket_id: Nullable<number>;
  title: string;
  in_app: boolean;
  outbound_email_id: Nullable<number>;
  read_at: NullableTimestamp;
  created_at: CreatedAt;
}

export const MAILBOX_STATES = ['unknown', 'ok', 'error'] as const;
export type MailboxState = (typeof MAILBOX_STATES)[number];

/** A workspace's support mailbox (migration 0021): inbound by SMTP and/or IMAP, outbound SMTP. */
export interface MailboxesTable {
  id: Generated<number>;
  workspace_id: number;
  /** Lower-cased, unique across the installation. */
  address: string;
  display_name: Generated<string>;
  signature: Generated<string>;
  default_category_id: Nullable<number>;
  default_team_id: Nullable<number>;
  default_priority_id: Nullable<number>;
  auto_acknowledge: Generated<boolean>;
  smtp_inbound: Generated<boolean>;
  imap_host: Nullable<string>;
  imap_port: Nullable<number>;
  imap_tls: Generated<boolean>;
  imap_user: Nullable<string>;
  /** AES-256-GCM ciphertext; never returned by the API. */
  imap_password_enc: Nullable<string>;
  imap_folder: Generated<string>;
  imap_uidvalidity: Nullable<number>;
  imap_last_uid: Generated<number>;
  smtp_url_enc: Nullable<string>;
  is_active: Generated<boolean>;
  state: Generated<MailboxState>;
  last_error: Generated<string>;
  last_checked_at: NullableTimestamp;
  created_at: CreatedAt;
  updated_at: CreatedAt;
  /** IMAP poller lease and backoff (migration 0022). */
  imap_lease_until: NullableTimestamp;
  imap_failures: Generated<number>;
  imap_next_poll_at: NullableTimestamp;
}

/** The customer mails of a ticket (migration 0023). */
export const TICKET_MAIL_KINDS = ['acknowledgement', 'reply', 'resolved'] as const;
export type TicketMailKind = (typeof TICKET_MAIL_KINDS)[number];
/** The account mails: login link, sign-up, password links of customers and staff (migration 0044). */
export const AUTH_MAIL_KINDS = [
  'login_link',
  'signup_confirmation',
  'signup_existing_account',
  'password_reset',
  'staff_invitation',
  'staff_password_reset',
] as const;
export type AuthMailKind = (typeof AUTH_MAIL_KINDS)[number];
export const MAIL_TEMPLATE_KINDS = [...TICKET_MAIL_KINDS, ...AUTH_MAIL_KINDS] as const;
export type MailTemplateKind = (typeof MAIL_TEMPLATE_KINDS)[number];

/** A workspace's own wording of one customer mail in one language (migration 0023). */
export interface MailTemplatesTable {
  id: Generated<number>;
  workspace_id: number;
  kind: MailTemplateKind;
  language: string;
  text_body: string;
  html_body: string;
  updated_by_id: Nullable<number>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}
