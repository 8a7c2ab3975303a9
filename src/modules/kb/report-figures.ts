/**
 * The knowledge base's figures for a period, for the support report (modules/analytics): article views,
 * the share of helpful votes, searches that found nothing, and deflected ticket-form sessions.
 */
import { sql } from 'kysely';
import type { Tx } from '../../db/tenant.js';
import { deflectionStats } from './deflection-stats.js';

export interface KbReportFigures {
  views: number;
  helpful_ratio: number | null;
  searches_without_result: number;
  deflections: number;
}

/** `fromDay`..`toDay` are whole days ('YYYY-MM-DD'); `from`/`to` the same period as instants. */
export async function kbReportFigures(
  tx: Tx,
  workspaceId: number,
  period: { fromDay: string; toDay: string; from: Date; to: Date },
): Promise<KbReportFigures> {
  const { rows } = await sql<{ views: string; helpful: string; votes: string; misses: string }>`
    SELECT
      (SELECT coalesce(sum(views), 0) FROM kb_daily_views
        WHERE workspace_id = ${workspaceId} AND day BETWEEN ${period.fromDay}::date AND ${period.toDay}::date) AS views,
      (SELECT count(*) FILTER (WHERE helpful) FROM kb_article_votes
        WHERE workspace_id = ${workspaceId} AND updated_at >= ${period.from} AND updated_at < ${period.to}) AS helpful,
      (SELECT count(*) FROM kb_article_votes
        WHERE workspace_id = ${workspaceId} AND updated_at >= ${period.from} AND updated_at < ${period.to}) AS votes,
      (SELECT coalesce(sum(count), 0) FROM kb_search_misses
        WHERE workspace_id = ${workspaceId} AND last_seen_at >= ${period.from} AND last_seen_at < ${period.to}) AS misses
  `.execute(tx);
  const r = rows[0];
  const votes = Number(r?.votes ?? 0);
  const deflection = await deflectionStats(tx, workspaceId, {
    from: period.from.toISOString(),
    to: period.to.toISOString(),
    now: period.to,
  });
  return {
    views: Number(r?.views ?? 0),
    helpful_ratio: votes === 0 ? null : Number(r?.helpful ?? 0) / votes,
    searches_without_result: Number(r?.misses ?? 0),
    deflections: deflection.sessions_deflected,
  };
}
