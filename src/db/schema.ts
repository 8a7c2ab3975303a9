/**
 * The Kysely database type, derived column by column from src/db/migrations/*.sql (plus the
 * schema_migrations bookkeeping table created by migrate.ts). Keep it in step with every new migration.
 *
 * Conventions: bigint is a JS number (the drivers parse int8 to number); `date` is 'YYYY-MM-DD' and `time`
 * is 'HH:MM:SS' (strings); jsonb is read parsed but written as a JSON string (the caller stringifies).
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

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

export const ARTICLE_STATUSES = ['draft', 'published', 'archived'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

export const MEMBER_ROLES = ['admin', 'agent'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const INBOUND_EMAIL_STATUSES = ['received', 'processed', 'ignored', 'failed'] as const;
export type InboundEmailStatus = (typeof INBOUND_EMAIL_STATUSES)[number];

export const OUTBOUND_EMAIL_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;
export type OutboundEmailStatus = (typeof OUTBOUND_EMAIL_STATUSES)[number];

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
  default_priority: Generated<string>;
  order_url_template: Generated<string>;
  consignment_url_template: Generated<string>;
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

// ---------------------------------------------------------------------------------------------------
// 0002: the support model
// ---------------------------------------------------------------------------------------------------

/** SupportTeam: a group of agents. */
export interface SupportTeamsTable {
  id: Generated<number>;
  workspace_id: number;
  name: string;
  description: Generated<string>;
  team_lead_id: Nullable<number>;
  email: Generated<string>;
  is_active: Generated<boolean>;
  created_at: CreatedAt;
}

/** SupportTeam.members: the many-to-many between teams and staff members. */
export interface SupportTeamMembersTable {
  workspace_id: number;
  team_id: number;
  user_id: number;
  created_at: CreatedAt;
}

/** SLA: response/resolution targets, optionally in business hours. */
export interface SlasTable {
  id: Generated<number>;
  workspace_id: number;
  name: string;
  description: Generated<string>;
  first_response_hours: Generated<number>;
  resolution_hours: Generated<number>;
  uses_business_hours: Generated<boolean>;
  /** 'HH:MM:SS' */
  business_hours_start: Generated<string>;
  /** 'HH:MM:SS' */
  business_hours_end: Generated<string>;
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  business_days: JsonColumn<number[]>;
  timezone: Generated<string>;
  escalate_on_breach: Generated<boolean>;
  escalation_team_id: Nullable<number>;
  is_active: Generated<boolean>;
  is_default: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

/** A holiday (non-business day) of an SLA. */
export interface SlaHolidaysTable {
  id: Generated<number>;
  workspace_id: number;
  sla_id: number;
  /** 'YYYY-MM-DD' */
  date: string;
  name: Generated<string>;
  recurring: Generated<boolean>;
}

/** TicketCategory: a (nestable) ticket category with routing defaults. */
export interface TicketCategoriesTable {
  id: Generated<number>;
  workspace_id: number;
  name: string;
  slug: string;
  description: Generated<string>;
  parent_id: Nullable<number>;
  default_assignee_id: Nullable<number>;
  default_priority: Generated<string>;
  sla_id: Nullable<number>;
  icon: Generated<string>;
  order: Generated<number>;
  is_active: Generated<boolean>;
}

/** TicketPriority: a workspace's priority level with its targets. */
export interface TicketPrioritiesTable {
  id: Generated<number>;
  workspace_id: number;
  code: string;
  name: string;
  description: Generated<string>;
  response_hours: Generated<number>;
  resolution_hours: Generated<number>;
  color: Generated<string>;
  order: Generated<number>;
  is_active: Generated<boolean>;
}

/** SupportTicket: a customer's support request. */
export interface SupportTicketsTable {
  id: Generated<number>;
  workspace_id: number;
  customer_id: number;
  ticket_number: string;
  subject: string;
  description: string;
  category_id: Nullable<number>;
  priority_id: number;
  status: Generated<TicketStatus>;
  assigned_to_id: Nullable<number>;
  team_id: Nullable<number>;
  channel: Generated<TicketChannel>;
  source_email: Generated<string>;
  source_phone: Generated<string>;
  order_ref: Nullable<string>;
  consignment_ref: Nullable<string>;
  sla_id: Nullable<number>;
  first_response_at: NullableTimestamp;
  resolved_at: NullableTimestamp;
  closed_at: NullableTimestamp;
  response_due_at: NullableTimestamp;
  resolution_due_at: NullableTimestamp;
  response_breached: Generated<boolean>;
  resolution_breached: Generated<boolean>;
  satisfaction_rating: Nullable<number>;
  satisfaction_comment: Generated<string>;
  /** Maintained by a trigger (subject weight A, description B); see migration 0005. */
  search_vector: Generated<string | null>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

/** SupportTicketMessage: a reply, internal note or system message on a ticket. */
export interface SupportTicketMessagesTable {
  id: Generated<number>;
  workspace_id: number;
  ticket_id: number;
  message: string;
  message_type: Generated<MessageType>;
  sender_id: Nullable<number>;
  sender_customer_id: Nullable<number>;
  sender_name: Generated<string>;
  sender_email: Generated<string>;
  is_staff_reply: Generated<boolean>;
  is_internal: Generated<boolean>;
  attachments: JsonColumn<MessageAttachmentRef[]>;
  email_message_id: Generated<string>;
  /** Maintained by a trigger; see migration 0005. */
  search_vector: Generated<string | null>;
  created_at: CreatedAt;
}

/** TicketAttachment: a file attached to a ticket (or one of its messages). */
export interface TicketAttachmentsTable {
  id: Generated<number>;
  workspace_id: number;
  ticket_id: number;
  message_id: Nullable<number>;
  /** Storage key (content address). */
  file: string;
  filename: string;
  file_size: number;
  mime_type: string;
  uploaded_by_id: Nullable<number>;
  uploaded_by_customer_id: Nullable<number>;
  uploaded_at: CreatedAt;
}

/** TicketAssignment: the log of assignments, reassignments and escalations. */
export interface TicketAssignmentsTable {
  id: Generated<number>;
  workspace_id: number;
  ticket_id: number;
  action: AssignmentAction;
  from_user_id: Nullable<number>;
  to_user_id: Nullable<number>;
  from_team_id: Nullable<number>;
  to_team_id: Nullable<number>;
  reason: Generated<string>;
  created_by_id: Nullable<number>;
  created_at: CreatedAt;
}

/** KnowledgeCategory: a (nestable) knowledge-base category, per language. */
export interface KnowledgeCategoriesTable {
  id: Generated<number>;
  workspace_id: number;
  name: string;
  slug: string;
  description: Generated<string>;
  parent_id: Nullable<number>;
  icon: Generated<string>;
  order: Generated<number>;
  is_active: Generated<boolean>;
  language: string;
}

/** KnowledgeBase: one help article. */
export interface KnowledgeArticlesTable {
  id: Generated<number>;
  workspace_id: number;
  title: string;
  slug: string;
  content: string;
  excerpt: Generated<string>;
  category_id: Nullable<number>;
  tags: Generated<string>;
  meta_description: Generated<string>;
  status: Generated<ArticleStatus>;
  view_count: Generated<number>;
  helpful_count: Generated<number>;
  not_helpful_count: Generated<number>;
  language: string;
  published_at: NullableTimestamp;
  author_id: Nullable<number>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

/** A visitor's helpful / not-helpful vote on an article (one per visitor). */
export interface KbArticleVotesTable {
  workspace_id: number;
  article_id: number;
  visitor_hash: string;
  helpful: boolean;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

/** A visitor's view of an article, counted once per day. */
export interface KbArticleViewsTable {
  workspace_id: number;
  article_id: number;
  visitor_hash: string;
  /** 'YYYY-MM-DD' */
  day: string;
}

/** TicketTemplate: a canned response. */
export interface TicketTemplatesTable {
  id: Generated<number>;
  workspace_id: number;
  name: string;
  subject: Generated<string>;
  content: string;
  usage_count: Generated<number>;
  language: string;
  is_active: Generated<boolean>;
  created_by_id: Nullable<number>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

/** TicketTemplate.categories: the many-to-many between templates and ticket categories. */
export interface TicketTemplateCategoriesTable {
  workspace_id: number;
  template_id: number;
  category_id: number;
}

/** TicketTag: a label for tickets. */
export interface TicketTagsTable {
  id: Generated<number>;
  workspace_id: number;
  name: string;
  slug: string;
  color: Generated<string>;
}

/** SupportTicket.tags: the many-to-many between tickets and tags. */
export interface SupportTicketTagsTable {
  workspace_id: number;
  ticket_id: number;
  tag_id: number;
}

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

// ---------------------------------------------------------------------------------------------------
// The database
// ---------------------------------------------------------------------------------------------------

export interface DB {
  workspaces: WorkspacesTable;
  users: UsersTable;
  workspace_memberships: WorkspaceMembershipsTable;
  customers: CustomersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  customer_login_tokens: CustomerLoginTokensTable;
  idempotency_keys: IdempotencyKeysTable;
  support_teams: SupportTeamsTable;
  support_team_members: SupportTeamMembersTable;
  slas: SlasTable;
  sla_holidays: SlaHolidaysTable;
  ticket_categories: TicketCategoriesTable;
  ticket_priorities: TicketPrioritiesTable;
  support_tickets: SupportTicketsTable;
  support_ticket_messages: SupportTicketMessagesTable;
  ticket_attachments: TicketAttachmentsTable;
  ticket_assignments: TicketAssignmentsTable;
  knowledge_categories: KnowledgeCategoriesTable;
  knowledge_articles: KnowledgeArticlesTable;
  kb_article_votes: KbArticleVotesTable;
  kb_article_views: KbArticleViewsTable;
  ticket_templates: TicketTemplatesTable;
  ticket_template_categories: TicketTemplateCategoriesTable;
  ticket_tags: TicketTagsTable;
  support_ticket_tags: SupportTicketTagsTable;
  ticket_history: TicketHistoryTable;
  domain_events: DomainEventsTable;
  inbound_emails: InboundEmailsTable;
  outbound_emails: OutboundEmailsTable;
  schema_migrations: SchemaMigrationsTable;
}

// ---------------------------------------------------------------------------------------------------
// Row helpers
// ---------------------------------------------------------------------------------------------------

export type Workspace = Selectable<WorkspacesTable>;
export type NewWorkspace = Insertable<WorkspacesTable>;
export type WorkspaceUpdate = Updateable<WorkspacesTable>;

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;

export type WorkspaceMembership = Selectable<WorkspaceMembershipsTable>;
export type NewWorkspaceMembership = Insertable<WorkspaceMembershipsTable>;
export type WorkspaceMembershipUpdate = Updateable<WorkspaceMembershipsTable>;

export type Customer = Selectable<CustomersTable>;
export type NewCustomer = Insertable<CustomersTable>;
export type CustomerUpdate = Updateable<CustomersTable>;

export type Session = Selectable<SessionsTable>;
export type NewSession = Insertable<SessionsTable>;
export type SessionUpdate = Updateable<SessionsTable>;

export type ApiToken = Selectable<ApiTokensTable>;
export type NewApiToken = Insertable<ApiTokensTable>;
export type ApiTokenUpdate = Updateable<ApiTokensTable>;

export type CustomerLoginToken = Selectable<CustomerLoginTokensTable>;
export type NewCustomerLoginToken = Insertable<CustomerLoginTokensTable>;
export type CustomerLoginTokenUpdate = Updateable<CustomerLoginTokensTable>;

export type IdempotencyKey = Selectable<IdempotencyKeysTable>;
export type NewIdempotencyKey = Insertable<IdempotencyKeysTable>;
export type IdempotencyKeyUpdate = Updateable<IdempotencyKeysTable>;

export type SupportTeam = Selectable<SupportTeamsTable>;
export type NewSupportTeam = Insertable<SupportTeamsTable>;
export type SupportTeamUpdate = Updateable<SupportTeamsTable>;

export type SupportTeamMember = Selectable<SupportTeamMembersTable>;
export type NewSupportTeamMember = Insertable<SupportTeamMembersTable>;
export type SupportTeamMemberUpdate = Updateable<SupportTeamMembersTable>;

export type Sla = Selectable<SlasTable>;
export type NewSla = Insertable<SlasTable>;
export type SlaUpdate = Updateable<SlasTable>;

export type SlaHoliday = Selectable<SlaHolidaysTable>;
export type NewSlaHoliday = Insertable<SlaHolidaysTable>;
export type SlaHolidayUpdate = Updateable<SlaHolidaysTable>;

export type TicketCategory = Selectable<TicketCategoriesTable>;
export type NewTicketCategory = Insertable<TicketCategoriesTable>;
export type TicketCategoryUpdate = Updateable<TicketCategoriesTable>;

export type TicketPriority = Selectable<TicketPrioritiesTable>;
export type NewTicketPriority = Insertable<TicketPrioritiesTable>;
export type TicketPriorityUpdate = Updateable<TicketPrioritiesTable>;

export type SupportTicket = Selectable<SupportTicketsTable>;
export type NewSupportTicket = Insertable<SupportTicketsTable>;
export type SupportTicketUpdate = Updateable<SupportTicketsTable>;

export type SupportTicketMessage = Selectable<SupportTicketMessagesTable>;
export type NewSupportTicketMessage = Insertable<SupportTicketMessagesTable>;
export type SupportTicketMessageUpdate = Updateable<SupportTicketMessagesTable>;

export type TicketAttachment = Selectable<TicketAttachmentsTable>;
export type NewTicketAttachment = Insertable<TicketAttachmentsTable>;
export type TicketAttachmentUpdate = Updateable<TicketAttachmentsTable>;

export type TicketAssignment = Selectable<TicketAssignmentsTable>;
export type NewTicketAssignment = Insertable<TicketAssignmentsTable>;
export type TicketAssignmentUpdate = Updateable<TicketAssignmentsTable>;

export type KnowledgeCategory = Selectable<KnowledgeCategoriesTable>;
export type NewKnowledgeCategory = Insertable<KnowledgeCategoriesTable>;
export type KnowledgeCategoryUpdate = Updateable<KnowledgeCategoriesTable>;

export type KnowledgeArticle = Selectable<KnowledgeArticlesTable>;
export type NewKnowledgeArticle = Insertable<KnowledgeArticlesTable>;
export type KnowledgeArticleUpdate = Updateable<KnowledgeArticlesTable>;

export type KbArticleVote = Selectable<KbArticleVotesTable>;
export type NewKbArticleVote = Insertable<KbArticleVotesTable>;
export type KbArticleVoteUpdate = Updateable<KbArticleVotesTable>;

export type KbArticleView = Selectable<KbArticleViewsTable>;
export type NewKbArticleView = Insertable<KbArticleViewsTable>;
export type KbArticleViewUpdate = Updateable<KbArticleViewsTable>;

export type TicketTemplate = Selectable<TicketTemplatesTable>;
export type NewTicketTemplate = Insertable<TicketTemplatesTable>;
export type TicketTemplateUpdate = Updateable<TicketTemplatesTable>;

export type TicketTemplateCategory = Selectable<TicketTemplateCategoriesTable>;
export type NewTicketTemplateCategory = Insertable<TicketTemplateCategoriesTable>;
export type TicketTemplateCategoryUpdate = Updateable<TicketTemplateCategoriesTable>;

export type TicketTag = Selectable<TicketTagsTable>;
export type NewTicketTag = Insertable<TicketTagsTable>;
export type TicketTagUpdate = Updateable<TicketTagsTable>;

export type SupportTicketTag = Selectable<SupportTicketTagsTable>;
export type NewSupportTicketTag = Insertable<SupportTicketTagsTable>;
export type SupportTicketTagUpdate = Updateable<SupportTicketTagsTable>;

export type TicketHistoryEntry = Selectable<TicketHistoryTable>;
export type NewTicketHistoryEntry = Insertable<TicketHistoryTable>;
export type TicketHistoryEntryUpdate = Updateable<TicketHistoryTable>;

export type DomainEvent = Selectable<DomainEventsTable>;
export type NewDomainEvent = Insertable<DomainEventsTable>;
export type DomainEventUpdate = Updateable<DomainEventsTable>;

export type InboundEmail = Selectable<InboundEmailsTable>;
export type NewInboundEmail = Insertable<InboundEmailsTable>;
export type InboundEmailUpdate = Updateable<InboundEmailsTable>;

export type OutboundEmail = Selectable<OutboundEmailsTable>;
export type NewOutboundEmail = Insertable<OutboundEmailsTable>;
export type OutboundEmailUpdate = Updateable<OutboundEmailsTable>;

export type SchemaMigration = Selectable<SchemaMigrationsTable>;
export type NewSchemaMigration = Insertable<SchemaMigrationsTable>;
export type SchemaMigrationUpdate = Updateable<SchemaMigrationsTable>;
