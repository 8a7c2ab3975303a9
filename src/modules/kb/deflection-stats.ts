/**
 * Ticket-deflection figures for a period: of the form sessions that were shown suggestions, how many
 * opened an article, how many left without sending a ticket after opening one (deflected), how many
 * sent a ticket anyway; and the articles opened most.
 */
import { sql } from 'kysely';
import type { Tx } from '../../db/tenant.js';
import { invalid } from '../../platform/errors.js';

export interface DeflectionStats {
  from: string;
  to: string;
  sessions_with_suggestions: number;
  sessions_opened_article: number;
  sessions_deflected: number;
  sessions_submitted_ticket: number;
  /** sessions_deflected / sessions_with_suggestions (0 when none). */
  deflection_rate: number;
  top_articles: { id: number; title: string; slug: string; language: string; opened: number }[];
}

const DAY = 24 * 3600_000;

export async function deflectionStats(
  tx: Tx,
  workspaceId: number,
  range: { from?: string; to?: string; now: Date },
): Promise<DeflectionStats> {
  const to = range.to ? new Date(range.to) : range.now;
  const from = range.from ? new Date(range.from) : new Date(to.getTime() - 30 * DAY);
  if (Number.isNaN(from.getTime())) throw invalid('from', 'is not a date');
  if (Number.isNaN(to.getTime())) throw invalid('to', 'is not a date');
  if (from > to) throw invalid('from', 'must not be after to');

  const { rows } = await sql<{ shown: string; opened: string; deflected: string; submitted: string }>`
    WITH s AS (
      SELECT session_id,
        bool_or(event = 'suggestions_shown') AS shown,
        bool_or(event = 'article_opened') AS opened,
        bool_or(event = 'left_without_ticket') AS left_form,
        bool_or(event = 'ticket_submitted') AS submitted
      FROM kb_deflection_events
      WHERE workspace_id = ${workspaceId} AND created_at >= ${from} AND created_at < ${to}
      GROUP BY session_id
    )
    SELECT count(*) FILTER (WHERE shown) AS shown,
      count(*) FILTER (WHERE shown AND opened) AS opened,
      count(*) FILTER (WHERE shown AND left_form AND NOT submitted) AS deflected,
      count(*) FILTER (WHERE shown AND submitted) AS submitted
    FROM s`.execute(tx);
  const r = rows[0];
  const shown = Number(r?.shown ?? 0);
  const deflected = Number(r?.deflected ?? 0);
  const top = await tx
    .selectFrom('kb_deflection_events as e')
    .innerJoin('knowledge_articles as a', 'a.id', 'e.article_id')
    .select(['a.id', 'a.title', 'a.slug', 'a.language', (eb) => eb.fn.countAll<string>().as('opened')])
    .where('e.workspace_id', '=', workspaceId)
    .where('e.event', '=', 'article_opened')
    .where('e.created_at', '>=', from)
    .where('e.created_at', '<', to)
    .groupBy(['a.id', 'a.title', 'a.slug', 'a.language'])
    .orderBy('opened', 'desc')
    .orderBy('a.id')
    .limit(10)
    .execute();
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    sessions_with_suggestions: shown,
    sessions_opened_article: Number(r?.opened ?? 0),
    sessions_deflected: deflected,
    sessions_submitted_ticket: Number(r?.submitted ?? 0),
    deflection_rate: shown === 0 ? 0 : Math.round((deflected / shown) * 1000) / 1000,
    top_articles: top.map((t) => ({ ...t, opened: Number(t.opened) })),
  };
}
