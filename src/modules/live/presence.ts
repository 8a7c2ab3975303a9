/**
 * Agents on a ticket: who views or types on it, announced to the other agents of the workspace over
 * their streams (never to customers) and to every process by NOTIFY (platform/events/notifications.ts).
 * An announcement lasts PRESENCE_TTL_MS unless refreshed; every process holds the same table (it saw
 * the same notifications) and tells its own streams when one expires.
 */
import type { ProcessNotifications } from '../../platform/events/notifications.js';
import type { Logger } from '../../platform/logger.js';
import type { LiveHub } from './hub.js';

export const PRESENCE_TTL_MS = 30_000;
export const PRESENCE_STATES = ['viewing', 'typing', 'left'] as const;
export type PresenceState = (typeof PRESENCE_STATES)[number];

export interface Presence {
  workspace_id: number;
  ticket_id: number;
  user: { id: number; name: string };
  state: PresenceState;
  expires_at: string;
}

/** The shape streams and the API show (the workspace is the caller's). */
export function presentPresence(p: Presence) {
  return { ticket_id: p.ticket_id, user: p.user, state: p.state, expires_at: p.expires_at };
}

function isPresence(v: unknown): v is Presence {
  if (typeof v !== 'object' || v === null) return false;
  const p = v as Record<string, unknown>;
  const user = p.user as Record<string, unknown> | undefined;
  return (
    typeof p.workspace_id === 'number' &&
    typeof p.ticket_id === 'number' &&
    typeof user?.id === 'number' &&
    typeof user.name === 'string' &&
    (PRESENCE_STATES as readonly unknown[]).includes(p.state) &&
    typeof p.expires_at === 'string'
  );
}

export class PresenceBoard {
  private readonly entries = new Map<string, Presence>();
  private readonly sweep: NodeJS.Timeout;

  constructor(
    private readonly notifications: ProcessNotifications,
    private readonly hub: LiveHub,
    private readonly log: Logger,
    private readonly now: () => Date,
  ) {
    notifications.onPresence((payload) => this.receive(payload));
    this.sweep = setInterval(() => this.expire(), 5_000);
    this.sweep.unref();
  }

  /** Announces an agent's presence on a ticket to every process. */
  async announce(p: Omit<Presence, 'expires_at'>): Promise<Presence> {
    const presence = { ...p, expires_at: new Date(this.now().getTime() + PRESENCE_TTL_MS).toISOString() };
    await this.notifications.publishPresence(JSON.stringify(presence));
    return presence;
  }

  /** The agents on a ticket now, but `exceptUserId`. */
  on(workspaceId: number, ticketId: number, exceptUserId: number): Presence[] {
    this.expire();
    return [...this.entries.values()].filter(
      (p) => p.workspace_id === workspaceId && p.ticket_id === ticketId && p.user.id !== exceptUserId,
    );
  }

  close(): void {
    clearInterval(this.sweep);
  }

  private receive(payload: string): void {
    let p: unknown;
    try {
      p = JSON.parse(payload);
    } catch {
      p = null;
    }
    if (!isPresence(p)) {
      this.log.warn({ payload: payload.slice(0, 200) }, 'ignored a malformed presence notification');
      return;
    }
    const key = `${p.workspace_id}:${p.ticket_id}:${p.user.id}`;
    if (p.state === 'left') this.entries.delete(key);
    else this.entries.set(key, p);
    this.send(p);
  }

  private send(p: Presence): void {
    this.hub.broadcast(
      p.workspace_id,
      { event: 'presence', data: presentPresence(p) },
      (viewer) => viewer.kind === 'staff' && viewer.userId !== p.user.id,
    );
  }

  private expire(): void {
    const now = this.now().toISOString();
    for (const [key, p] of this.entries) {
      if (p.expires_at > now) continue;
      this.entries.delete(key);
      this.send({ ...p, state: 'left' });
    }
  }
}
