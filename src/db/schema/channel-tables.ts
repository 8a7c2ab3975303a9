/** Chat, phone and social channels (0028, 0035). */
import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Nullable, NullableTimestamp } from './columns.js';

export const CHAT_STATUSES = ['waiting', 'offered', 'active', 'email', 'ended'] as const;
export type ChatStatus = (typeof CHAT_STATUSES)[number];

export const CALL_KINDS = ['logged', 'missed', 'voicemail'] as const;
export type CallKind = (typeof CALL_KINDS)[number];
export const CALL_DIRECTIONS = ['inbound', 'outbound'] as const;
export type CallDirection = (typeof CALL_DIRECTIONS)[number];
export const CALL_OUTCOMES = [
  'answered',
  'no_answer',
  'busy',
  'voicemail',
  'missed',
  'callback_requested',
] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

/** Per-workspace settings and secrets of the chat, phone and social channels. */
export interface ChannelSettingsTable {
  workspace_id: number;
  chat_enabled: Generated<boolean>;
  chat_team_id: Nullable<number>;
  chat_offer_timeout_seconds: Generated<number>;
  phone_default_region: Generated<string>;
  chat_identity_secret: Nullable<string>;
  telephony_secret: Nullable<string>;
  social_secret: Nullable<string>;
  updated_at: CreatedAt;
}

export interface ChatConversationsTable {
  id: Generated<number>;
  workspace_id: number;
  ticket_id: number;
  customer_id: number;
  token_hash: string;
  status: Generated<ChatStatus>;
  team_id: Nullable<number>;
  offered_to_id: Nullable<number>;
  offered_at: NullableTimestamp;
  offer_round: Generated<number>;
  passed_over_ids: ColumnType<number[], number[] | undefined, number[]>;
  accepted_by_id: Nullable<number>;
  accepted_at: NullableTimestamp;
  language: Generated<string>;
  identified: Generated<boolean>;
  created_at: CreatedAt;
  ended_at: NullableTimestamp;
}

export interface ChatLinesTable {
  workspace_id: number;
  conversation_id: number;
  client_id: string;
  message_id: number;
  created_at: CreatedAt;
}

export interface PhoneCallsTable {
  id: Generated<number>;
  workspace_id: number;
  ticket_id: number;
  message_id: Nullable<number>;
  kind: CallKind;
  direction: CallDirection;
  outcome: CallOutcome;
  duration_seconds: Generated<number>;
  phone: string;
  recording_url: Generated<string>;
  external_id: Nullable<string>;
  logged_by_id: Nullable<number>;
  created_at: CreatedAt;
}

export interface SocialIdentitiesTable {
  workspace_id: number;
  source: string;
  external_user_id: string;
  customer_id: number;
  created_at: CreatedAt;
}

export interface SocialThreadsTable {
  workspace_id: number;
  source: string;
  external_conversation_id: string;
  external_user_id: string;
  ticket_id: number;
  created_at: CreatedAt;
}

export interface InboundWebhookSignaturesTable {
  workspace_id: number;
  kind: string;
  signature: string;
  expires_at: ColumnType<Date, Date | string, Date | string>;
}
