import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { asSystem } from '../../db/tenant.js';
import { asBearer, testApp } from '../../test/app.js';
import {
  buildAdmin,
  buildCustomer,
  buildToken,
  buildUser,
  buildWorkspace,
  customerSession,
} from '../../test/factories.js';
import { insertFixtureTicket } from '../../test/stats-fixture.js';
import { csvCell, csvRow } from './csv.js';
import { rebuildStats } from './rebuild-stats.js';

const { app, db } = await testApp({ now: () => new Date('2026-12-06T12:00:00Z') });

/** Parses our CSV (quoted cells may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && body[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

describe('CSV', () => {
  it('defuses formulas and quotes what needs quoting', () => {
    expect(['=SUM(A1)', '+1', '-2', '@cmd', '\tx', '\rx', 'plain'].map(csvCell)).toEqual([
      "'=SUM(A1)",
      "'+1",
      "'-2",
      "'@cmd",
      "'\tx",
      `"'\rx"`,
      'plain',
    ]);
    expect(csvCell('a,"b"\nc')).toBe('"a,""b""\nc"');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(null)).toBe('');
    expect(csvRow(['a', 1, true, new Date('2026-12-06T00:00:00Z')])).toBe(
      'a,1,true,2026-12-06T00:00:00.000Z\r\n',
    );
  });
});

describe('GET /api/support/admin/tickets/export.csv', () => {
  it('streams every matching ticket, formula-safe, to admins only', { timeout: 120_000 }, async () => {
    const ws = await buildWorkspace(db);
    const admin = await buildAdmin(db, ws);
    const agent = await buildUser(db, ws);
    const agentToken = await buildToken(db, ws, agent.id);
    const customer = await buildCustomer(db, ws, { name: '=HYPERLINK("http://evil.example","x")' });
    const create = (subject: string, channel: string) =>
      app.inject(
        asBearer(admin.token, {
          method: 'POST',
          url: '/api/support/tickets/',
          payload: { subject, description: 'd', customer: customer.email, channel },
        }),
      );
    // 2,005 tickets: more than two pages of 1,000.
    for (let i = 0; i < 3; i++)
      expect((await create(`@SUM(1+1) "quoted", ${i}`, 'email')).statusCode).toBe(201);
    const first = await insertFixtureTicket(db, ws, {
      channel: 'phone',
      priority: 'low',
      created: '2026-12-01T10:00:00Z',
    });
    await asSystem(db, (tx) =>
      sql`INSERT INTO support_tickets (workspace_id, customer_id, priority_id, ticket_number, subject, description, channel)
          SELECT workspace_id, customer_id, priority_id, ticket_number || '-' || g, subject, description, channel
          FROM support_tickets, generate_series(1, 2001) g WHERE id = ${first}`.execute(tx),
    );
    const other = await buildWorkspace(db);
    const otherAdmin = await buildAdmin(db, other);
    await insertFixtureTicket(db, other, {
      channel: 'email',
      priority: 'low',
      created: '2026-12-01T10:00:00Z',
    });

    const get = (token: string, query = '') =>
      app.inject(asBearer(token, { method: 'GET', url: `/api/support/admin/tickets/export.csv${query}` }));
    const all = await get(admin.token);
    expect(all.statusCode, all.body.slice(0, 300)).toBe(200);
    expect(all.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(all.headers['content-disposition']).toBe(`attachment; filename="tickets-${ws.slug}.csv"`);
    const rows = parseCsv(all.body);
    expect(rows[0]?.slice(0, 4)).toEqual(['ticket_number', 'subject', 'status', 'priority']);
    expect(rows.length).toBe(1 + 2_005);
    expect(new Set(rows.slice(1).map((r) => r[0])).size).toBe(2_005);
    const email = rows.filter((r) => r[5] === 'email');
    expect(email.map((r) => r[1])).toEqual([0, 1, 2].map((i) => `'@SUM(1+1) "quoted", ${i}`));
    expect(email.every((r) => r[7] === `'=HYPERLINK("http://evil.example","x")`)).toBe(true);

    // The admin list's filters.
    const filtered = parseCsv((await get(admin.token, '?channel=email')).body);
    expect(filtered.length).toBe(4);
    // Another workspace's admin gets only theirs.
    expect(parseCsv((await get(otherAdmin.token)).body).length).toBe(2);

    expect((await get(agentToken)).statusCode).toBe(403);
    const asCustomer = await app.inject({
      method: 'GET',
      url: '/api/support/admin/tickets/export.csv',
      headers: await customerSession(db, ws, customer.id),
    });
    expect(asCustomer.statusCode).toBe(403);
    for (const bad of ['?channel=fax', '?team=999999999', '?priority=nope', '?assigned_to=x']) {
      const res = await get(admin.token, bad);
      expect(res.statusCode, bad).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });
});

describe('GET /api/support/stats/export.csv', () => {
  it('gives each report table as CSV to admins', async () => {
    const ws = await buildWorkspace(db);
    const admin = await buildAdmin(db, ws);
    const agent = await buildUser(db, ws, { name: '-Agent, "the first"' });
    const customer = await buildCustomer(db, ws);
    await insertFixtureTicket(db, ws, {
      channel: 'email',
      priority: 'high',
      created: '2026-12-01T10:00:00Z',
      assignee: agent.id,
      replies: [['2026-12-01T11:00:00Z', agent.id]],
      moves: [['2026-12-02T10:00:00Z', 'resolved']],
      rating: [4, ''],
    });
    await rebuildStats(db, ws.id, { now: () => new Date() });
    const get = (table: string, token = admin.token) =>
      app.inject(
        asBearer(token, {
          method: 'GET',
          url: `/api/support/stats/export.csv?from=2026-12-01&to=2026-12-03&table=${table}`,
        }),
      );
    const series = await get('series');
    expect(series.statusCode, series.body).toBe(200);
    expect(parseCsv(series.body)).toEqual([
      ['period', 'created', 'resolved', 'reopened', 'backlog'],
      ['2026-12-01', '1', '0', '0', '1'],
      ['2026-12-02', '0', '1', '0', '0'],
      ['2026-12-03', '0', '0', '0', '0'],
    ]);
    expect(parseCsv((await get('agents')).body)).toEqual([
      [
        'agent_id',
        'name',
        'email',
        'assigned',
        'public_replies',
        'resolved',
        'median_first_response_seconds',
        'csat',
      ],
      [String(agent.id), `'-Agent, "the first"`, agent.email, '1', '1', '1', '3600', '4'],
    ]);
    expect(parseCsv((await get('by_channel')).body)).toEqual([
      ['channel', 'tickets'],
      ['email', '1'],
    ]);
    expect(parseCsv((await get('csat')).body)[4]).toEqual(['4', '1']);
    // Answered after 1 h, resolved after 24 h; no SLA calendar: business time is 24×7 time.
    expect(parseCsv((await get('times')).body)).toEqual([
      ['metric', 'basis', 'tickets', 'median_seconds', 'p90_seconds'],
      ['first_response_time', 'business', '1', '3600', '3600'],
      ['first_response_time', 'calendar', '1', '3600', '3600'],
      ['resolution_time', 'business', '1', '86400', '86400'],
      ['resolution_time', 'calendar', '1', '86400', '86400'],
    ]);
    expect(parseCsv((await get('sla')).body)).toEqual([
      ['metric', 'value'],
      ['response_compliance', '1'],
      ['resolution_compliance', '1'],
      ['breaches', '0'],
    ]);
    expect((await get('nope')).statusCode).toBe(400);
    const asCustomer = await app.inject({
      method: 'GET',
      url: '/api/support/stats/export.csv?table=series',
      headers: await customerSession(db, ws, customer.id),
    });
    expect(asCustomer.statusCode).toBe(403);
  });
});
