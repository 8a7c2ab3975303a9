/** Column helper types and the CHECK (… IN …) value lists of the schema. */
import type { ColumnType } from 'kysely';

// ---------------------------------------------------------------------------------------------------
// Column helpers
// ---------------------------------------------------------------------------------------------------

/** A nullable column without a default: may be omitted on insert (it becomes NULL). */
export type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

/** timestamptz NOT NULL without a default. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** timestamptz NOT NULL DEFAULT now(): optional on insert. */
export type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;

/** Nullable timestamptz. */
export type NullableTimestamp = ColumnType<
  Date | null,
  Date | string | null | undefined,
  Date | string | null
>;

/** jsonb NOT NULL with a default: read parsed, written as a JSON string (optional on insert). */
export type JsonColumn<T> = ColumnType<T, string | undefined, string>;

export type JsonValue = string | number | boolean | null | JsonValue[] | { [k: string]: JsonValue };
export type JsonObject = { [k: string]: JsonValue };

/** One entry of support_ticket_messages.attachments. */
export interface MessageAttachmentRef {
  id: number;
  filename: string;
  file_size: number;
  mime_type: string;
}

// ---------------------------------------------------------------------------------------------------
// CHECK (... IN (...)) value lists
// ---------------------------------------------------------------------------------------------------

export const TICKET_STATUSES = [
  'new',
  'open',
  'pending',
  'on_hold',
  'resolved',
  'closed',
  'cancelled',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const TICKET_CHANNELS = ['web', 'email', 'phone', 'chat', 'social', 'api'] as const;
export type TicketChannel = (typeof TICKET_CHANNELS)[number];

export const MESSAGE_TYPES = ['customer', 'agent', 'note', 'system'] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

export const ASSIGNMENT_ACTIONS = ['assigned', 'reassigned', 'unassigned', 'escalated'] as const;
export type AssignmentAction = (typeof ASSIGNMENT_ACTIONS)[number];

/** How a team hands out its tickets (migration 0009). */
export const ASSIGNMENT_MODES = ['manual', 'round_robin', 'least_open'] as const;
export type AssignmentMode = (typeof ASSIGNMENT_MODES)[number];

/** A staff member's availability for automatic assignment (migration 0009). */
export const AVAILABILITIES = ['available', 'away', 'offline'] as const;
export type Availability = (typeof AVAILABILITIES)[number];

export const ARTICLE_STATUSES = ['draft', 'published', 'archived'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

export const MEMBER_ROLES = ['admin', 'agent'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const INBOUND_EMAIL_STATUSES = ['received', 'processed', 'ignored', 'failed'] as const;
export type InboundEmailStatus = (typeof INBOUND_EMAIL_STATUSES)[number];

export const OUTBOUND_EMAIL_STATUSES = ['pending', 'sending', 'sent', 'failed', 'bounced'] as const;
export type OutboundEmailStatus = (typeof OUTBOUND_EMAIL_STATUSES)[number];

/** What an outbound mail is (migration 0023): a ticket's customer mail, or anything else. */
export const OUTBOUND_EMAIL_KINDS = ['acknowledgement', 'reply', 'resolved', 'other'] as const;
export type OutboundEmailKind = (typeof OUTBOUND_EMAIL_KINDS)[number];

/** One file an outbound mail carries, read from the attachment store when it is sent. */
export interface OutboundAttachmentRef {
  filename: string;
  content_type: string;
  storage_key: string;
  size: number;
}

export const INBOUND_EMAIL_CLASSIFICATIONS = ['normal', 'bulk', 'auto', 'bounce'] as const;
export type InboundEmailClassification = (typeof INBOUND_EMAIL_CLASSIFICATIONS)[number];

export const SLA_RECOMPUTE_SCOPES = ['sla', 'workspace'] as const;
export type SlaRecomputeScope = (typeof SLA_RECOMPUTE_SCOPES)[number];

export const SLA_RECOMPUTE_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type SlaRecomputeStatus = (typeof SLA_RECOMPUTE_STATUSES)[number];
