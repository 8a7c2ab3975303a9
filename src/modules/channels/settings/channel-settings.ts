/**
 * The workspace's channel settings (migration 0028): chat routing, the phone region and the HMAC secrets
 * of the shop's customer tokens and the two inbound webhooks. A workspace without a row has the defaults.
 */
import { randomBytes } from 'node:crypto';
import type { ChannelSettings } from '../../../db/schema.js';
import type { Tx } from '../../../db/tenant.js';
import { invalid } from '../../../platform/errors.js';

export const SECRET_KINDS = ['chat_identity', 'telephony', 'social'] as const;
export type SecretKind = (typeof SECRET_KINDS)[number];

const DEFAULTS = {
  chat_enabled: true,
  chat_team_id: null,
  chat_offer_timeout_seconds: 60,
  phone_default_region: 'DE',
  chat_identity_secret: null,
  telephony_secret: null,
  social_secret: null,
} as const;

/** The settings of the workspace (the defaults when it never changed them). */
export async function loadChannelSettings(tx: Tx, workspaceId: number): Promise<ChannelSettings> {
  const row = await tx
    .selectFrom('channel_settings')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  return row ?? { workspace_id: workspaceId, ...DEFAULTS, updated_at: new Date(0) };
}

export interface ChannelSettingsInput {
  chat_enabled?: boolean;
  chat_team?: number | null;
  chat_offer_timeout_seconds?: number;
  phone_default_region?: string;
}

/** Changes the settings (omitted = unchanged); 400 at `chat_team` for a team not in the workspace. */
export async function updateChannelSettings(
  tx: Tx,
  workspaceId: number,
  input: ChannelSettingsInput,
  now: Date,
): Promise<ChannelSettings> {
  if (input.chat_team !== undefined && input.chat_team !== null) {
    const team = await tx
      .selectFrom('support_teams')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', input.chat_team)
      .executeTakeFirst();
    if (!team) throw invalid('chat_team', 'no such team');
  }
  const changes = {
    ...(input.chat_enabled !== undefined ? { chat_enabled: input.chat_enabled } : {}),
    ...(input.chat_team !== undefined ? { chat_team_id: input.chat_team } : {}),
    ...(input.chat_offer_timeout_seconds !== undefined
      ? { chat_offer_timeout_seconds: input.chat_offer_timeout_seconds }
      : {}),
    ...(input.phone_default_region !== undefined
      ? { phone_default_region: input.phone_default_region.toUpperCase() }
      : {}),
    updated_at: now,
  };
  return tx
    .insertInto('channel_settings')
    .values({ workspace_id: workspaceId, ...changes })
    .onConflict((oc) => oc.column('workspace_id').doUpdateSet(changes))
    .returningAll()
    .executeTakeFirstOrThrow();
}

const columnOf = {
  chat_identity: 'chat_identity_secret',
  telephony: 'telephony_secret',
  social: 'social_secret',
} as const satisfies Record<SecretKind, keyof ChannelSettings>;

/** The secret of one kind, or null when none was made yet. */
export function secretOf(settings: ChannelSettings, kind: SecretKind): string | null {
  return settings[columnOf[kind]];
}

/** Makes a new random secret of the kind (the old one stops working at once) and returns it. */
export async function rotateChannelSecret(
  tx: Tx,
  workspaceId: number,
  kind: SecretKind,
  now: Date,
): Promise<string> {
  const secret = `whsec_${randomBytes(24).toString('base64url')}`;
  const changes = { [columnOf[kind]]: secret, updated_at: now };
  await tx
    .insertInto('channel_settings')
    .values({ workspace_id: workspaceId, ...changes })
    .onConflict((oc) => oc.column('workspace_id').doUpdateSet(changes))
    .execute();
  return secret;
}
