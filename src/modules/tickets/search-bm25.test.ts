import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Workspace } from '../../db/schema.js';
import { asSystem, inWorkspace } from '../../db/tenant.js';
import { asBearer, testApp } from '../../test/app.js';
import {
  buildAdmin,
  buildCustomer,
  buildTicket,
  buildToken,
  buildUser,
  buildWorkspace,
  customerSession,
} from '../../test/factories.js';

const { app, db } = await testApp();

interface Page {
  results: { ticket_number: string; subject: string }[];
  next_cursor: string | null;
}

async function addMessage(
  ws: Workspace,
  ticketId: number,
  message: string,
  kind: { is_internal?: boolean; message_type?: 'customer' | 'agent' | 'note' | 'system' } = {},
) {
  await asSystem(db, (tx) =>
    tx
      .insertInto('support_ticket_messages')
      .values({ workspace_id: ws.id, ticket_id: ticketId, message, ...kind })
      .execute(),
  );
}

/** Subjects in the order the list returns them, following every page. */
async function ranked(token: string, q: string, extra = ''): Promise<string[]> {
  const subjects: string[] = [];
  let cursor: string | null = null;
  do {
    const url: string =
      `/api/support/admin/tickets/?sort=relevance&limit=2&q=${encodeURIComponent(q)}${extra}` +
      (cursor ? `&cursor=${cursor}` : '');
    const res = await app.inject(asBearer(token, { method: 'GET', url }));
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json<Page>();
    subjects.push(...page.results.map((t) => t.subject));
    cursor = page.next_cursor;
  } while (cursor);
  return subjects;
}

/** Document frequencies of `lexemes` and the corpus sizes, per kind ('t' tickets, 'm' messages). */
async function stats(ws: Workspace, lexemes: string[]) {
  return asSystem(db, async (tx) => {
    const terms = await sql<{ kind: string; lexeme: string; doc_count: number }>`
      SELECT kind, lexeme, doc_count FROM support_ticket_term_stats
      WHERE workspace_id = ${ws.id} AND lexeme = ANY (${lexemes}::text[]) ORDER BY kind, lexeme`.execute(tx);
    const corpus = await sql<{ kind: string; doc_count: number; total_length: string }>`
      SELECT kind, doc_count, total_length FROM support_ticket_corpus_stats
      WHERE workspace_id = ${ws.id} ORDER BY kind`.execute(tx);
    return {
      df: Object.fromEntries(terms.rows.map((t) => [`${t.kind}:${t.lexeme}`, t.doc_count])),
      docs: Object.fromEntries(corpus.rows.map((c) => [c.kind, c.doc_count])),
    };
  });
}

/** The statistics recomputed from scratch, to compare with the incrementally kept ones. */
async function recomputed(ws: Workspace) {
  return asSystem(db, async (tx) => {
    const { rows } = await sql<{ kind: string; lexeme: string; n: number }>`
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
    return { recomputed: rows, kept: kept.rows };
  });
}

describe('ticket search ranked by BM25 (sort=relevance)', () => {
  it('ranks a rare word above repeated common ones, and the subject above the description', async () => {
    const ws = await buildWorkspace(db);
    const admin = await buildAdmin(db, ws);
    // "printer" is in every ticket: its idf is next to nothing, however often a ticket repeats it.
    for (let i = 0; i < 6; i++) {
      await buildTicket(db, ws, { subject: `Printer question ${i}`, description: 'The printer is slow.' });
    }
    await buildTicket(db, ws, {
      subject: 'Printer printer printer',
      description: 'Printer, printer: the printer again.',
    });
    await buildTicket(db, ws, { subject: 'Printer trouble', description: 'Out of toner.' });
    const order = await ranked(admin.token, 'printer or toner');
    expect(order[0]).toBe('Printer trouble');
    expect(order[1]).toBe('Printer printer printer');
    expect(order).toHaveLength(8);

    await buildTicket(db, ws, { subject: 'Cartridge', description: 'The toner cartridge leaks.' });
    await buildTicket(db, ws, { subject: 'Toner empty', description: 'Please send a cartridge.' });
    expect((await ranked(admin.token, 'toner')).slice(0, 3)).toEqual([
      'Toner empty',
      'Cartridge',
      'Printer trouble',
    ]);
  });

  it('puts the ticket of a typed number first and ranks messages customers may not see for staff only', async () => {
    const ws = await buildWorkspace(db);
    const admin = await buildAdmin(db, ws);
    const customer = await buildCustomer(db, ws);
    const note = await buildTicket(db, ws, {
      subject: 'Hinge',
      description: 'Door creaks.',
      customerId: customer.id,
    });
    await addMessage(ws, note.id, 'Internal: the zeppelin hinge batch is faulty', { is_internal: true });
    const open = await buildTicket(db, ws, {
      subject: 'Zeppelin model',
      description: 'Missing parts.',
      customerId: customer.id,
    });
    expect(await ranked(admin.token, 'zeppelin')).toEqual(['Zeppelin model', 'Hinge']);
    const session = await customerSession(db, ws, customer.id);
    const res = await app.inject({
      method: 'GET',
      url: '/api/support/tickets/?sort=relevance&q=zeppelin',
      headers: session,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Page>().results.map((t) => t.subject)).toEqual(['Zeppelin model']);
    expect((await ranked(admin.token, open.ticket_number))[0]).toBe('Zeppelin model');
    expect((await ranked(admin.token, note.ticket_number))[0]).toBe('Hinge');
  });

  it('ranks the same candidates whichever way the statistics choose to collect them', async () => {
    const ws = await buildWorkspace(db);
    // 24 tickets say "lamp" themselves, 3 only in a message (one an internal note), 3 not at all: the
    // statistics bound the matches by about 30, so a cap of 1 walks the newest tickets (bound above
    // 20 x cap) and larger caps collect every match through the indexes first.
    const tickets = [];
    for (let i = 0; i < 30; i++) {
      const says = i < 24;
      tickets.push(
        await buildTicket(db, ws, {
          subject: says ? `Lamp ${i}` : `Shade ${i}`,
          description: says ? 'The lamp flickers.' : 'Loose screw.',
        }),
      );
    }
    for (const [i, internal] of [
      [24, false],
      [25, true],
      [26, false],
    ] as const) {
      await addMessage(ws, tickets[i]!.id, 'It is the lamp again', { is_internal: internal });
    }
    // Creation dates unlike id order: the candidates are the latest by id (migration 0061) both ways,
    // whatever the dates say.
    await asSystem(db, (tx) =>
      sql`UPDATE support_tickets SET created_at = now() - ((id * 7919) % 97) * interval '1 hour'
          WHERE workspace_id = ${ws.id}`.execute(tx),
    );
    const newest = await asSystem(db, async (tx) =>
      (
        await sql<{ id: string }>`
          SELECT t.id FROM support_tickets t WHERE t.workspace_id = ${ws.id} AND (t.search_vector @@ 'lamp'::tsquery
            OR EXISTS (SELECT 1 FROM support_ticket_messages m WHERE m.ticket_id = t.id
                        AND m.search_vector @@ 'lamp'::tsquery))
          ORDER BY t.id DESC`.execute(tx)
      ).rows.map((r) => Number(r.id)),
    );
    expect(newest).toHaveLength(27);
    for (const cap of [1, 2, 5, 27, 100]) {
      const ranked = await inWorkspace(db, ws.id, (tx) =>
        sql<{
          id: string;
        }>`SELECT id FROM support_ticket_search_ranked(${ws.id}::bigint, 'lamp', true, '', '',
          ${cap}::integer)`.execute(tx),
      );
      expect(
        ranked.rows.map((r) => Number(r.id)).sort((a, b) => a - b),
        `cap ${cap}`,
      ).toEqual(newest.slice(0, cap).sort((a, b) => a - b));
    }
  });

  it('pages a filtered list by relevance past the best matches the filter leaves out', async () => {
    const ws = await buildWorkspace(db);
    const admin = await buildAdmin(db, ws);
    // 16 tickets: "lamp" 16 times down to once in the description, so rank follows i; the best 12 are
    // resolved, which the first slices of ids (twice a page of 2, then 4 times that) hold without an
    // open one, so the open four come from the last slice, still in rank order.
    for (let i = 16; i >= 1; i--) {
      await buildTicket(db, ws, {
        subject: `T${i}`,
        description: `${'lamp '.repeat(i)}`.trim(),
        status: i > 4 ? 'resolved' : 'open',
      });
    }
    expect(await ranked(admin.token, 'lamp', '&status=open')).toEqual(['T4', 'T3', 'T2', 'T1']);
    expect((await ranked(admin.token, 'lamp')).slice(0, 3)).toEqual(['T16', 'T15', 'T14']);
    expect(await ranked(admin.token, 'lamp')).toHaveLength(16);
  });

  it('rejects a cursor of another sort order', async () => {
    const ws = await buildWorkspace(db);
    const admin = await buildAdmin(db, ws);
    await buildTicket(db, ws, { subject: 'Lamp one' });
    const cursor = Buffer.from(JSON.stringify({ v: 'not a rank', id: 1 })).toString('base64url');
    const res = await app.inject(
      asBearer(admin.token, {
        method: 'GET',
        url: `/api/support/admin/tickets/?sort=relevance&q=lamp&cursor=${cursor}`,
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('keeps the statistics in step through create, edit, reply, merge and delete', async () => {
    const ws = await buildWorkspace(db);
    const agent = await buildUser(db, ws);
    const token = await buildToken(db, ws, agent.id);
    const a = await buildTicket(db, ws, { subject: 'Kettle broken', description: 'The kettle leaks.' });
    const b = await buildTicket(db, ws, { subject: 'Kettle again', description: 'Descaling did not help.' });
    expect(await stats(ws, ['kettl', 'leak', 'descal', 'whistl'])).toEqual({
      df: { 't:kettl': 2, 't:leak': 1, 't:descal': 1 },
      docs: { t: 2 },
    });
    await asSystem(db, (tx) =>
      tx.updateTable('support_tickets').set({ description: 'It whistles.' }).where('id', '=', a.id).execute(),
    );
    // Status changes do not touch the vector, so not the statistics either.
    await asSystem(db, (tx) =>
      tx.updateTable('support_tickets').set({ status: 'open' }).where('id', '=', a.id).execute(),
    );
    await addMessage(ws, b.id, 'The kettle whistles too');
    await addMessage(ws, b.id, 'Ticket merged', { message_type: 'system' });
    expect(await stats(ws, ['kettl', 'leak', 'descal', 'whistl'])).toEqual({
      df: { 't:kettl': 2, 't:descal': 1, 't:whistl': 1, 'm:kettl': 1, 'm:whistl': 1 },
      docs: { t: 2, m: 1 },
    });
    const merged = await app.inject(
      asBearer(token, {
        method: 'POST',
        url: `/api/support/tickets/${b.ticket_number}/merge/`,
        payload: { into: a.ticket_number },
      }),
    );
    expect(merged.statusCode, merged.body).toBe(200);
    const after = await recomputed(ws);
    expect(after.kept).toEqual(after.recomputed);
    expect((await stats(ws, ['kettl'])).df).toEqual({ 't:kettl': 2, 'm:kettl': 1 });
    await asSystem(db, (tx) => tx.deleteFrom('support_tickets').where('id', '=', a.id).execute());
    const deleted = await recomputed(ws);
    expect(deleted.kept).toEqual(deleted.recomputed);
    expect(await stats(ws, ['kettl', 'whistl', 'descal'])).toEqual({
      df: { 't:kettl': 1, 't:descal': 1 },
      docs: { t: 1, m: 0 },
    });
  });

  it('keeps statistics within the workspace (RLS) and ranks with its own only', async () => {
    const mine = await buildWorkspace(db);
    const other = await buildWorkspace(db);
    const admin = await buildAdmin(db, mine);
    await buildTicket(db, mine, { subject: 'Blender noise', description: 'Loud.' });
    await buildTicket(db, mine, { subject: 'Blender lid', description: 'Cracked.' });
    for (let i = 0; i < 3; i++)
      await buildTicket(db, other, { subject: `Blender ${i}`, description: 'Blender.' });
    const visible = await inWorkspace(db, mine.id, (tx) =>
      sql<{ workspace_id: string; n: number }>`
        SELECT workspace_id, count(*)::int AS n FROM support_ticket_term_stats GROUP BY 1
        UNION ALL SELECT workspace_id, count(*)::int FROM support_ticket_corpus_stats GROUP BY 1`.execute(tx),
    );
    expect(new Set(visible.rows.map((r) => Number(r.workspace_id)))).toEqual(new Set([mine.id]));
    // The ranking function refuses another workspace than the transaction's.
    const foreign = await inWorkspace(db, mine.id, (tx) =>
      sql`SELECT * FROM support_ticket_search_ranked(${other.id}::bigint, 'blender', true, '', '', 500)`.execute(
        tx,
      ),
    );
    expect(foreign.rows).toEqual([]);
    expect(await ranked(admin.token, 'blender')).toHaveLength(2);
    // Writing statistics for another workspace is refused.
    await expect(
      inWorkspace(db, mine.id, (tx) =>
        sql`INSERT INTO support_ticket_term_stats (workspace_id, kind, lexeme, doc_count)
            VALUES (${other.id}, 't', 'x', 1)`.execute(tx),
      ),
    ).rejects.toThrow(/row-level security/);
  });
});
