/**
 * Collision detection: a staff write that carries the ticket version the agent loaded (`If-Match` with
 * the detail's ETag, or `based_on` in the body) is refused with 409 when someone else replied, wrote a
 * note or changed the ticket since — the problem lists those messages and changes (who, what, when) so
 * the UI can say "Dana replied 20 s ago — review before sending". The version is bumped by every
 * message and history row (triggers, migration 0018); the agent's own writes and changes the system
 * made (SLA recomputation) do not count. Customers never see versions: they count internal notes.
 */
import { sql } from 'kysely';
import type { SupportTicket } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';
import { AppError, invalid } from '../../platform/errors.js';
import type { TicketActor } from './actor.js';

const EXCERPT = 200;

/** The ETag of a ticket version (staff only). */
export function versionTag(version: number): string {
  return `"${version}"`;
}

/**
 * The version a write is based on: `based_on` of the body, else the If-Match header (`"12"`, `W/"12"`
 * or `12`); undefined when neither is given (the write proceeds as always). `*` matches any version.
 */
export function basedOnOf(
  body: { based_on?: number } | undefined,
  ifMatch: string | undefined,
): number | undefined {
  if (body?.based_on !== undefined) return body.based_on;
  if (ifMatch === undefined || ifMatch.trim() === '*') return undefined;
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(ifMatch);
  if (!m?.[1]) throw invalid('If-Match', 'expected the ETag of the ticket, e.g. "12"');
  return Number(m[1]);
}

function ago(then: Date, now: Date): string {
  const s = Math.max(0, Math.round((now.getTime() - then.getTime()) / 1000));
  if (s < 90) return `${s} s ago`;
  if (s < 90 * 60) return `${Math.round(s / 60)} min ago`;
  return `${Math.round(s / 3600)} h ago`;
}

/** Throws 409 CONFLICT when others changed the (locked) ticket after version `basedOn`. */
export async function assertNoCollision(
  tx: Tx,
  ticket: SupportTicket,
  basedOn: number | undefined,
  actor: TicketActor,
  now: Date,
): Promise<void> {
  if (basedOn === undefined || actor.kind !== 'staff' || ticket.version <= basedOn) return;
  const messages = await tx
    .selectFrom('support_ticket_messages')
    .select([
      'id',
      'message_type',
      'is_internal',
      'sender_id',
      'sender_customer_id',
      'sender_name',
      'created_at',
    ])
    .select(sql<string>`left(message, ${EXCERPT})`.as('excerpt'))
    .where('workspace_id', '=', ticket.workspace_id)
    .where('ticket_id', '=', ticket.id)
    .where('ticket_version', '>', basedOn)
    .where('message_type', '!=', 'system')
    .where((eb) => eb.or([eb('sender_id', 'is', null), eb('sender_id', '!=', actor.userId)]))
    .orderBy('id')
    .execute();
  const changes = await tx
    .selectFrom('ticket_history as h')
    .leftJoin('users as u', 'u.id', 'h.actor_user_id')
    .leftJoin('customers as c', 'c.id', 'h.actor_customer_id')
    .select([
      'h.field',
      'h.old_value',
      'h.new_value',
      'h.actor_user_id',
      'h.actor_customer_id',
      'h.created_at',
    ])
    .select((eb) => eb.fn.coalesce('u.name', 'c.name', sql<string>`''`).as('actor_name'))
    .where('h.workspace_id', '=', ticket.workspace_id)
    .where('h.ticket_id', '=', ticket.id)
    .where('h.ticket_version', '>', basedOn)
    .where((eb) =>
      eb.or([
        eb('h.actor_customer_id', 'is not', null),
        eb.and([eb('h.actor_user_id', 'is not', null), eb('h.actor_user_id', '!=', actor.userId)]),
      ]),
    )
    .orderBy('h.id')
    .execute();
  if (messages.length === 0 && changes.length === 0) return;

  const latestMessage = messages[messages.length - 1];
  const latestChange = changes[changes.length - 1];
  let detail: string;
  if (latestMessage) {
    const what = latestMessage.is_internal ? 'wrote a note' : 'replied';
    const when = ago(new Date(latestMessage.created_at), now);
    detail = `${latestMessage.sender_name || 'someone'} ${what} ${when}; review before sending`;
  } else {
    // One action can change several fields (a status change moves the SLA due dates): name them all.
    const by = changes.filter((c) => c.actor_name === latestChange?.actor_name);
    const fields = [...new Set(by.map((c) => c.field))].join(', ');
    const when = ago(new Date(latestChange?.created_at ?? now), now);
    detail = `${latestChange?.actor_name || 'someone'} changed ${fields} ${when}; review before saving`;
  }
  throw new AppError('CONFLICT', detail, {
    members: {
      version: ticket.version,
      based_on: basedOn,
      messages: messages.map((m) => ({
        id: m.id,
        message_type: m.message_type,
        is_internal: m.is_internal,
        sender: m.sender_id !== null ? { user_id: m.sender_id } : { customer_id: m.sender_customer_id },
        sender_name: m.sender_name,
        excerpt: m.excerpt,
        created_at: new Date(m.created_at).toISOString(),
      })),
      changes: changes.map((c) => ({
        field: c.field,
        old: c.old_value,
        new: c.new_value,
        actor:
          c.actor_user_id !== null
            ? { user_id: c.actor_user_id, name: c.actor_name }
            : { customer_id: c.actor_customer_id, name: c.actor_name },
        created_at: new Date(c.created_at).toISOString(),
      })),
    },
  });
}
