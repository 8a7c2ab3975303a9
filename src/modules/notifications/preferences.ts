/** A staff member's notification preferences: for each kind, in-app and email on or off. */
import type { Tx } from '../../db/tenant.js';
import { DEFAULT_CHANNELS, NOTIFICATION_KINDS, type Channels, type NotificationKind } from './kinds.js';
import * as repo from './repository.js';

export type Preferences = Record<NotificationKind, Channels>;

/** Every kind's channels: the member's choice where they made one, else the default. */
export async function preferencesOf(tx: Tx, workspaceId: number, userId: number): Promise<Preferences> {
  const chosen = new Map((await repo.preferenceRows(tx, workspaceId, userId)).map((r) => [r.kind, r]));
  return Object.fromEntries(
    NOTIFICATION_KINDS.map((kind) => {
      const row = chosen.get(kind);
      return [kind, row ? { in_app: row.in_app, email: row.email } : { ...DEFAULT_CHANNELS[kind] }];
    }),
  ) as Preferences;
}

/** Changes the given kinds (an omitted channel keeps its current value); returns all preferences. */
export async function setPreferences(
  tx: Tx,
  workspaceId: number,
  userId: number,
  changes: Partial<Record<NotificationKind, Partial<Channels>>>,
): Promise<Preferences> {
  const current = await preferencesOf(tx, workspaceId, userId);
  for (const kind of NOTIFICATION_KINDS) {
    const change = changes[kind];
    if (!change) continue;
    const next = { ...current[kind], ...change };
    await repo.upsertPreference(tx, { workspace_id: workspaceId, user_id: userId, kind, ...next });
  }
  return preferencesOf(tx, workspaceId, userId);
}
