/**
 * The Kysely database type, derived column by column from src/db/migrations/*.sql (plus the
 * schema_migrations bookkeeping table created by migrate.ts). Keep it in step with every new migration.
 *
 * Conventions: bigint is a JS number (the drivers parse int8 to number); `date` is 'YYYY-MM-DD' and `time`
 * is 'HH:MM:SS' (strings); jsonb is read parsed but written as a JSON string (the caller stringifies).
 */
import type { Insertable, Selectable, Updateable } from 'kysely';
import type {
  TicketHistoryTable,
  DomainEventsTable,
  EventCursorsTable,
  InboundEmailsTable,
  OutboundEmailsTable,
  SchemaMigrationsTable,
} from './schema/event-tables.js';
import type {
  WorkspacesTable,
  UsersTable,
  WorkspaceMembershipsTable,
  CustomersTable,
  SessionsTable,
  ApiTokensTable,
  CustomerLoginTokensTable,
  PasswordTokensTable,
  IdempotencyKeysTable,
} from './schema/platform-tables.js';
import type {
  SupportTeamsTable,
  SupportTeamMembersTable,
  SlasTable,
  SlaHolidaysTable,
  SlaRecomputeRunsTable,
  TicketCategoriesTable,
  TicketPrioritiesTable,
  SupportTicketsTable,
  SupportTicketMessagesTable,
  TicketAttachmentsTable,
  TicketAssignmentsTable,
  KnowledgeCategoriesTable,
  KnowledgeArticlesTable,
  KbArticleVotesTable,
  KbArticleViewsTable,
  TicketTemplatesTable,
  TicketTemplateCategoriesTable,
  TicketTagsTable,
  SupportTicketTagsTable,
  InboundReceiptsTable,
  TicketEmailParticipantsTable,
} from './schema/support-tables.js';
import type {
  KbArticleSlugHistoryTable,
  KbSearchWordsTable,
  KbTermStatsTable,
  KbCorpusStatsTable,
  KbSearchMissesTable,
  KbDeflectionEventsTable,
} from './schema/kb-tables.js';
import type {
  WebhookSubscriptionsTable,
  MailboxesTable,
  MailTemplatesTable,
  WebhookDeliveriesTable,
  NotificationPreferencesTable,
  NotificationsTable,
} from './schema/outbound-tables.js';
import type {
  ChannelSettingsTable,
  ChatConversationsTable,
  ChatLinesTable,
  PhoneCallsTable,
  SocialIdentitiesTable,
  SocialThreadsTable,
  InboundWebhookSignaturesTable,
} from './schema/channel-tables.js';
import type {
  KbDailyViewsTable,
  SatisfactionSettingsTable,
  SatisfactionSurveysTable,
  TicketStatDailyTable,
  TicketStatDimsTable,
  TicketStatFactsTable,
} from './schema/analytics-tables.js';
import type { SavedViewsTable, TicketDuplicateDismissalsTable } from './schema/desk-tables.js';

export * from './schema/columns.js';
export type * from './schema/analytics-tables.js';
export type * from './schema/platform-tables.js';
export type * from './schema/support-tables.js';
export type * from './schema/event-tables.js';
export * from './schema/kb-tables.js';
export * from './schema/outbound-tables.js';
export * from './schema/channel-tables.js';
export type * from './schema/desk-tables.js';

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
  password_tokens: PasswordTokensTable;
  idempotency_keys: IdempotencyKeysTable;
  support_teams: SupportTeamsTable;
  support_team_members: SupportTeamMembersTable;
  slas: SlasTable;
  sla_holidays: SlaHolidaysTable;
  sla_recompute_runs: SlaRecomputeRunsTable;
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
  kb_article_slug_history: KbArticleSlugHistoryTable;
  kb_search_words: KbSearchWordsTable;
  kb_term_stats: KbTermStatsTable;
  kb_corpus_stats: KbCorpusStatsTable;
  kb_search_misses: KbSearchMissesTable;
  kb_deflection_events: KbDeflectionEventsTable;
  ticket_templates: TicketTemplatesTable;
  ticket_template_categories: TicketTemplateCategoriesTable;
  ticket_tags: TicketTagsTable;
  support_ticket_tags: SupportTicketTagsTable;
  inbound_receipts: InboundReceiptsTable;
  ticket_email_participants: TicketEmailParticipantsTable;
  ticket_history: TicketHistoryTable;
  domain_events: DomainEventsTable;
  event_cursors: EventCursorsTable;
  inbound_emails: InboundEmailsTable;
  outbound_emails: OutboundEmailsTable;
  webhook_subscriptions: WebhookSubscriptionsTable;
  mailboxes: MailboxesTable;
  mail_templates: MailTemplatesTable;
  webhook_deliveries: WebhookDeliveriesTable;
  notification_preferences: NotificationPreferencesTable;
  notifications: NotificationsTable;
  channel_settings: ChannelSettingsTable;
  chat_conversations: ChatConversationsTable;
  chat_lines: ChatLinesTable;
  phone_calls: PhoneCallsTable;
  social_identities: SocialIdentitiesTable;
  social_threads: SocialThreadsTable;
  inbound_webhook_signatures: InboundWebhookSignaturesTable;
  saved_views: SavedViewsTable;
  ticket_duplicate_dismissals: TicketDuplicateDismissalsTable;
  schema_migrations: SchemaMigrationsTable;
  ticket_stat_facts: TicketStatFactsTable;
  ticket_stat_daily: TicketStatDailyTable;
  ticket_stat_dims: TicketStatDimsTable;
  kb_daily_views: KbDailyViewsTable;
  satisfaction_settings: SatisfactionSettingsTable;
  satisfaction_surveys: SatisfactionSurveysTable;
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
export type PasswordToken = Selectable<PasswordTokensTable>;

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

export type SlaRecomputeRun = Selectable<SlaRecomputeRunsTable>;
export type NewSlaRecomputeRun = Insertable<SlaRecomputeRunsTable>;

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

export type InboundReceipt = Selectable<InboundReceiptsTable>;
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

export type Mailbox = Selectable<MailboxesTable>;

export type OutboundEmail = Selectable<OutboundEmailsTable>;
export type NewOutboundEmail = Insertable<OutboundEmailsTable>;
export type OutboundEmailUpdate = Updateable<OutboundEmailsTable>;

export type MailTemplate = Selectable<MailTemplatesTable>;

export type SchemaMigration = Selectable<SchemaMigrationsTable>;
export type NewSchemaMigration = Insertable<SchemaMigrationsTable>;
export type SchemaMigrationUpdate = Updateable<SchemaMigrationsTable>;

export type ChannelSettings = Selectable<ChannelSettingsTable>;
export type ChatConversation = Selectable<ChatConversationsTable>;
export type PhoneCall = Selectable<PhoneCallsTable>;
