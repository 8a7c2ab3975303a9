import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Workspace } from '../../db/schema.js';
import { asSystem, inWorkspace } from '../../db/tenant.js';
import { testApp } from '../../test/app.js';
import { buildTicket, buildWorkspace } from '../../test/factories.js';

const { db } = await testApp();

/** The kept statistics next to the same figures recomputed from the vectors. */
async function statistics(ws: Workspace) {
  return asSystem(db, async (tx) => {
    const recomputed = await sql<{ kind: string; lexeme: string; n: number }>`
      SELECT 't' AS kind, l AS lexeme, count(*)::int AS n
        FROM support_tickets t, unnest(tsvector_to_array(t.search_vector)) AS l
        WHERE t.workspace_id = ${ws.id} GROUP BY l
      UNION ALL
      SELECT 'm', l, count(*)::int
        FROM support_ticket_messages m, unnest(tsvector_to_array(m.search_vector)) AS l
        WHERE m.workspace_id = ${ws.id} AND m.message_type <> 'system' GROUP BY l
      ORDER BY 1, 2`.execute(tx);
    const kept = await sql<{ kind: string; lexeme: string; n: number }>`
      SELECT kind, lexeme, doc_count AS n FROM support_ticket_term_stats
      WHERE workspace_id = ${ws.id} ORDER BY 1, 2`.execute(tx);
    const corpus = await sql<{ kind: string; n: number; len: number; real_n: number; real_len: number }>`
      SELECT c.kind, c.doc_count AS n, c.total_length::int AS len, r.n AS real_n, r.len AS real_len
      FROM support_ticket_corpus_stats c JOIN (
        SELECT 't' AS kind, count(*)::int AS n, sum(length(search_vector))::int AS len
          FROM support_tickets WHERE workspace_id = ${ws.id}
        UNION ALL
        SELECT 'm', count(*)::int, sum(length(search_vector))::int
          FROM support_ticket_messages WHERE workspace_id = ${ws.id} AND message_type <> 'system'
      ) r ON r.kind = c.kind
      WHERE c.workspace_id = ${ws.id} ORDER BY 1`.execute(tx);
    return { recomputed: recomputed.rows, kept: kept.rows, corpus: corpus.rows };
  });
}

// The statistics rows of common words are shared by every writer of a workspace: an edit that swaps
// words takes some rows away from one count and adds to another, and a reply adds to the message
// counts. Two writers doing the opposite swaps at once must neither deadlock nor lose a count.
describe('ticket term statistics under concurrent writers', () => {
  it('two writers swapping the same common words neither deadlock nor lose counts', async () => {
    const ws = await buildWorkspace(db);
    const texts = [
      'Order refund delivery parcel arrived damaged',
      'Payment invoice tracking parcel courier late',
    ] as const;
    const a = await buildTicket(db, ws, { subject: 'Order one', description: texts[0] });
    const b = await buildTicket(db, ws, { subject: 'Order two', description: texts[1] });
    const rounds = 40;
    const failures: unknown[] = [];
    const writer = (ticketId: number, first: 0 | 1) => async () => {
      for (let i = 0; i < rounds; i++) {
        const text = texts[(i + first) % 2] as string;
        await inWorkspace(db, ws.id, async (tx) => {
          await tx
            .updateTable('support_tickets')
            .set({ description: `${text} ${i % 3 === 0 ? 'warranty' : ''}` })
            .where('id', '=', ticketId)
            .execute();
          await tx
            .insertInto('support_ticket_messages')
            .values({ workspace_id: ws.id, ticket_id: ticketId, message: `${text} reply ${i}` })
            .execute();
        }).catch((e: unknown) => failures.push(e));
      }
    };
    // Opposite phases: while one writer moves its ticket from the first text to the second, the
    // other moves its ticket back, so each takes the rows the other gives up.
    await Promise.all([writer(a.id, 0)(), writer(b.id, 1)()]);
    expect(failures.map((e) => String(e))).toEqual([]);
    const after = await statistics(ws);
    expect(after.kept).toEqual(after.recomputed);
    for (const c of after.corpus) expect([c.n, c.len]).toEqual([c.real_n, c.real_len]);
    expect(after.corpus.find((c) => c.kind === 'm')?.n).toBe(2 * rounds);
  });
});
