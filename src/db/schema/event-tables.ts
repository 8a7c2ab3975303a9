/** History, domain events, mail queues and the migrations bookkeeping. */
import type { ColumnType, Generated } from 'kysely';
import type {
  CreatedAt,
  JsonColumn,
  JsonObject,
  Nullable,
  NullableTimestamp,
  InboundEmailClassification,
  InboundEmailStatus,
  OutboundEmailStatus,
  OutboundEmailKind,
  OutboundAttachmentRef,
} from './columns.js';

// ---------------------------------------------------------------------------------------------------
// 0003: history, events, mail
// ---------------------------------------------------------------------------------------------------

/** One field change of a ticket (old and new value as text). */
export interface TicketHistoryTable {
  id: Generated<number>;
  workspace_id: number;
  ticket_id: number;
  field: string;
  old_value: Nullable<string>;
  new_value: Nullable<string>;
  actor_user_id: Nullable<number>;
  actor_customer_id: Nullable<number>;
  created_at: CreatedAt;
  /** The ticket's version this change made (trigger, migration 0018). */
  ticket_version: Generated<number | null>;
}

/** A domain event, written in the same transaction as the change it records. */
export interface DomainEventsTable {
  id: Generated<number>;
  workspace_id: number;
  type: string;
  subject_type: string;
  subject_id: number;
  actor_user_id: Nullable<number>;
  actor_customer_id: Nullable<number>;
  payload: JsonColumn<JsonObject>;
  created_at: CreatedAt;
  /** The writing transaction (xid8, as text): the event's position is (xid, id); migration 0018. */
  xid: Generated<string>;
}

/** A background subscriber's position in the event log (platform/events/dispatcher.ts). */
export interface EventCursorsTable {
  id: Generated<number>;
  subscriber: string;
  last_xid: string;
  last_event_id: number;
  attempts: Generated<number>;
  retry_at: NullableTimestamp;
  last_error: Generated<string>;
  updated_at: CreatedAt;
}

/** A raw inbound mail, stored before it is acknowledged and processed by a job. */
export interface InboundEmailsTable {
  id: Generated<number>;
  workspace_id: number;
  mailbox: Generated<string>;
  message_id: string;
  raw: ColumnType<Uint8Array, Uint8Array, Uint8Array>;
  status: Generated<InboundEmailStatus>;
  error: Generated<string>;
  ticket_id: Nullable<number>;
  received_at: CreatedAt;
  processed_at: NullableTimestamp;
  /** normal | bulk | auto | bounce, and the mailbox it came to (migration 0021). */
  classification: Generated<InboundEmailClassification>;
  mailbox_id: Nullable<number>;
  /** Where it came from, its envelope recipients, processing runs and display parts (migration 0022). */
  source: Generated<'smtp' | 'imap'>;
  envelope_to: Generated<string[]>;
  attempts: Generated<number>;
  message_row_id: Nullable<number>;
  html_body: Nullable<string>;
  folded_text: Generated<string>;
}

/** An outgoing mail in the send queue. */
export interface OutboundEmailsTable {
  id: Generated<number>;
  workspace_id: number;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: Nullable<string>;
  headers: JsonColumn<JsonObject>;
  message_id: string;
  status: Generated<OutboundEmailStatus>;
  attempts: Generated<number>;
  last_error: Generated<string>;
  ticket_id: Nullable<number>;
  created_at: CreatedAt;
  sent_at: NullableTimestamp;
  /** The ticket message this mail carries, and the mailbox it goes out from (migration 0021). */
  message_row_id: Nullable<number>;
  mailbox_id: Nullable<number>;
  bounced_at: NullableTimestamp;
  bounce_reason: Generated<string>;
  /** What the mail is (migration 0023): a ticket's customer mail, or 'other'. */
  kind: Generated<OutboundEmailKind>;
  /** What produced it ('message.created:42'), unique per workspace: an event queues one mail. */
  source_key: Nullable<string>;
  /** The mailbox's From; null: the installation's MAIL_FROM. */
  from_address: Nullable<string>;
  cc_addresses: ColumnType<string[], string[] | undefined, string[]>;
  attachments: JsonColumn<OutboundAttachmentRef[]>;
  /** Until when the worker that set 'sending' owns the row. */
  lease_until: NullableTimestamp;
  /** Interrupted after the claim: delivery unknown, never resent without a staff decision. */
  needs_review: Generated<boolean>;
}

// ---------------------------------------------------------------------------------------------------
// Bookkeeping
// ---------------------------------------------------------------------------------------------------

/** An applied migration file (created by migrate.ts). */
export interface SchemaMigrationsTable {
  name: string;
  checksum: string;
  applied_at: Generated<Date>;
}
