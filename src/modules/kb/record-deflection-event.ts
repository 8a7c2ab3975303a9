/**
 * Deflection analytics from the ticket form: suggestions shown, an article opened, the visitor leaving
 * without a ticket, a ticket sent. One event of a kind (per article) counts once per form session, so a
 * form that re-renders or a beacon sent twice changes nothing. No IP address is stored.
 */
import type { DeflectionEvent } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';
import { invalid, notFound } from '../../platform/errors.js';

export interface DeflectionInput {
  event: DeflectionEvent;
  /** The client's random id for one visit of the form. */
  session: string;
  article_id?: number | undefined;
}

/** Records the event; false when this session had already recorded it. */
export async function recordDeflectionEvent(
  tx: Tx,
  workspaceId: number,
  input: DeflectionInput,
  now: Date,
): Promise<boolean> {
  if (input.event === 'article_opened' && input.article_id === undefined) {
    throw invalid('article_id', 'is required for article_opened');
  }
  if (input.article_id !== undefined) {
    const article = await tx
      .selectFrom('knowledge_articles')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', input.article_id)
      .where('status', '=', 'published')
      .executeTakeFirst();
    if (!article) throw notFound('article');
  }
  const row = await tx
    .insertInto('kb_deflection_events')
    .values({
      workspace_id: workspaceId,
      session_id: input.session,
      event: input.event,
      article_id: input.article_id ?? null,
      created_at: now,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}
