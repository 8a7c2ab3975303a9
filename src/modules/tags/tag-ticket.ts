/**
 * Adds and removes tags on a ticket. Tags are named by slug or name; a tag that does not exist yet is
 * created (as in Zendesk). The change is recorded in the history, as a `ticket.updated` event and as a
 * `ticket.tagged` event naming the tags added and removed.
 */
import type { Tx } from '../../db/tenant.js';
import { invalid } from '../../platform/errors.js';
import { recordEvent } from '../../platform/events.js';
import { slugify } from '../../platform/validation.js';
import { auditActor, lockVisibleTicket, recordHistory, type TicketActor } from '../tickets/index.js';

export interface TagInput {
  add?: string[];
  remove?: string[];
}

function slugsOf(names: string[], path: string): { slug: string; name: string }[] {
  return names.map((raw) => {
    const name = raw.trim().slice(0, 50);
    const slug = slugify(name, 50);
    if (!slug) throw invalid(path, `"${raw}" is not a usable tag`);
    return { slug, name };
  });
}

async function currentSlugs(tx: Tx, workspaceId: number, ticketId: number): Promise<string[]> {
  const rows = await tx
    .selectFrom('support_ticket_tags as st')
    .innerJoin('ticket_tags as t', 't.id', 'st.tag_id')
    .select('t.slug')
    .where('st.workspace_id', '=', workspaceId)
    .where('st.ticket_id', '=', ticketId)
    .orderBy('t.slug')
    .execute();
  return rows.map((r) => r.slug);
}

export async function tagTicket(
  ctx: { tx: Tx; workspaceId: number; actor: TicketActor; now: Date },
  ref: string | number,
  input: TagInput,
): Promise<number> {
  const { tx, workspaceId, actor, now } = ctx;
  const ticket = await lockVisibleTicket(tx, workspaceId, ref, actor);
  const add = slugsOf(input.add ?? [], 'add');
  const remove = slugsOf(input.remove ?? [], 'remove').map((t) => t.slug);
  const before = await currentSlugs(tx, workspaceId, ticket.id);

  if (add.length > 0) {
    await tx
      .insertInto('ticket_tags')
      .values(add.map((t) => ({ workspace_id: workspaceId, slug: t.slug, name: t.name })))
      .onConflict((oc) => oc.columns(['workspace_id', 'slug']).doNothing())
      .execute();
    const tags = await tx
      .selectFrom('ticket_tags')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where(
        'slug',
        'in',
        add.map((t) => t.slug),
      )
      .execute();
    await tx
      .insertInto('support_ticket_tags')
      .values(tags.map((t) => ({ workspace_id: workspaceId, ticket_id: ticket.id, tag_id: t.id })))
      .onConflict((oc) => oc.columns(['ticket_id', 'tag_id']).doNothing())
      .execute();
  }
  if (remove.length > 0) {
    await tx
      .deleteFrom('support_ticket_tags')
      .where('workspace_id', '=', workspaceId)
      .where('ticket_id', '=', ticket.id)
      .where('tag_id', 'in', (eb) =>
        eb
          .selectFrom('ticket_tags')
          .select('id')
          .where('workspace_id', '=', workspaceId)
          .where('slug', 'in', remove),
      )
      .execute();
  }
  const after = await currentSlugs(tx, workspaceId, ticket.id);
  const who = auditActor(actor);
  const changed = await recordHistory(
    tx,
    ticket,
    [{ field: 'tags', old: before.join(','), new: after.join(',') }],
    who,
    now,
  );
  if (changed.length > 0) {
    await tx.updateTable('support_tickets').set({ updated_at: now }).where('id', '=', ticket.id).execute();
    await recordEvent(tx, {
      workspaceId,
      type: 'ticket.updated',
      subjectType: 'ticket',
      subjectId: ticket.id,
      actor: who,
      payload: { ticket_id: ticket.id, changes: [{ field: 'tags', old: before, new: after }] },
    });
    await recordEvent(tx, {
      workspaceId,
      type: 'ticket.tagged',
      subjectId: ticket.id,
      actor: who,
      payload: {
        ticket_id: ticket.id,
        ticket_number: ticket.ticket_number,
        added: after.filter((t) => !before.includes(t)),
        removed: before.filter((t) => !after.includes(t)),
        tags: after,
      },
    });
  }
  return ticket.id;
}
