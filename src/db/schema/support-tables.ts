/** Tables of the twelve bfg2_support seed models and their join tables. */
import type { ColumnType, Generated } from 'kysely';
import type {
  CreatedAt,
  JsonColumn,
  MessageAttachmentRef,
  Nullable,
  NullableTimestamp,
  TicketStatus,
  TicketChannel,
  MessageType,
  AssignmentAction,
  ArticleStatus,
  AssignmentMode,
  SlaRecomputeScope,
  SlaRecomputeStatus,
} from './columns.js';

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
  /** How new tickets of the team are assigned; migration 0009. */
  assignment_mode: Generated<AssignmentMode>;
  /** Cap on each member's open tickets for automatic assignment (null = none). */
  max_open_per_agent: Nullable<number>;
  /** The round-robin pointer: the member assigned last. */
  last_assigned_user_id: Nullable<number>;
}

/** SupportTeam.members: the many-to-many between teams and staff members. */
export interface SupportTeamMembersTable {
  workspace_id: number;
  team_id: number;
  user_id: number;
  created_at: CreatedAt;
  /** The member's own cap in this team, overriding the team's (0 = never auto-assigned); 0009. */
  max_open_tickets: Nullable<number>;
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
  /** Share of a target (1–99 %) at which the pre-breach warning fires; migration 0006. */
  warning_percent: Generated<number>;
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

/** One recompute of open tickets' due dates after an SLA edit, with its progress; migration 0007. */
export interface SlaRecomputeRunsTable {
  id: Generated<number>;
  workspace_id: number;
  sla_id: Nullable<number>;
  scope: SlaRecomputeScope;
  reason: Generated<string>;
  status: Generated<SlaRecomputeStatus>;
  total: Generated<number>;
  done: Generated<number>;
  changed: Generated<number>;
  error: Generated<string>;
  requested_by_id: Nullable<number>;
  created_at: CreatedAt;
  started_at: NullableTimestamp;
  finished_at: NullableTimestamp;
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
  /** The team new tickets of this category are routed to; migration 0009. */
  team_id: Nullable<number>;
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
  /** Pre-breach warning times and flags, written by the SLA clock and the sweep; migration 0006. */
  response_warning_at: NullableTimestamp;
  resolution_warning_at: NullableTimestamp;
  response_warned: Generated<boolean>;
  resolution_warned: Generated<boolean>;
  /** When the resolution clock was paused (pending/on_hold), null while it runs. */
  sla_paused_at: NullableTimestamp;
  /** true = staff chose sla_id for this ticket; false = it came from the category or the default (0007). */
  sla_pinned: Generated<boolean>;
  satisfaction_rating: Nullable<number>;
  satisfaction_comment: Generated<string>;
  /** Maintained by a trigger (subject weight A, description B); see migration 0005. */
  search_vector: Generated<string | null>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
  /** Bumped by every message and history row (migration 0018); the ticket detail's ETag. */
  version: Generated<number>;
  /** The mailbox the ticket's mail goes out from, and its reply-address token (migration 0021). */
  mailbox_id: Nullable<number>;
  reply_token: Nullable<string>;
  /** The ticket this one was merged into, and when (migration 0034); its number resolves to that ticket. */
  merged_into_id: Nullable<number>;
  merged_at: NullableTimestamp;
  /** The closed ticket this one follows up (a mail reply to it; migration 0022). */
  follow_up_of_id: Nullable<number>;
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
  /** The ticket's version this message made (trigger, migration 0018). */
  ticket_version: Generated<number | null>;
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
  /** The Markdown content rendered to sanitised HTML (migration 0010). */
  content_html: Generated<string>;
  /** The content as plain text: what search indexes and snippets quote. */
  content_text: Generated<string>;
  /** Translations of one article share this id; set by a trigger when omitted (migration 0010). */
  translation_group_id: Generated<number>;
  /** Generated column (migration 0010): weighted tsvector in the article language's configuration. */
  search_vector: ColumnType<string, never, never>;
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
// 0017: inbound intake
// ---------------------------------------------------------------------------------------------------

/** What a channel already delivered, by its own external id (de-duplication of redeliveries). */
export interface InboundReceiptsTable {
  workspace_id: number;
  channel: TicketChannel;
  external_id: string;
  ticket_id: Nullable<number>;
  message_id: Nullable<number>;
  created_at: CreatedAt;
}

/** An address copied on a ticket's inbound mail: it may thread replies onto the ticket (migration 0022). */
export interface TicketEmailParticipantsTable {
  workspace_id: number;
  ticket_id: number;
  email: string;
  created_at: CreatedAt;
}
