import { describe, expect, it } from 'vitest';
import { asSystem, inWorkspace } from '../../db/tenant.js';
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
import { rebuildStats } from './rebuild-stats.js';
import { refreshTicketStats } from './refresh-ticket-stats.js';
import type { SupportStats } from './support-stats.js';

const { app, db } = await testApp();
const now = () => new Date('2026-12-06T12:00:00Z');

/**
 * A fixed week (Mon 2026-11-30 .. Sun 2026-12-06, Europe/Berlin = UTC+1) under a default SLA of
 * Mon–Fri 09:00–17:00 Berlin. Every expected figure below is worked out by hand in the comments.
 */
async function fixedWeek() {
  const ws = await buildWorkspace(db);
  const admin = await buildAdmin(db, ws);
  const a = await buildUser(db, ws, { name: 'Alex' });
  const b = await buildUser(db, ws, { name: 'Bo' });
  const sla = await app.inject(
    asBearer(admin.token, {
      method: 'POST',
      url: '/api/support/admin/slas/',
      payload: {
        name: 'Office hours',
        timezone: 'Europe/Berlin',
        uses_business_hours: true,
        business_hours_start: '09:00',
        business_hours_end: '17:00',
        business_days: [1, 2, 3, 4, 5],
        is_default: true,
      },
    }),
  );
  expect(sla.statusCode, sla.body).toBe(201);
  const ids: number[] = [];
  const add = async (spec: Parameters<typeof insertFixtureTicket>[2]) => {
    ids.push(await insertFixtureTicket(db, ws, spec));
  };
  // T1: Mon 09:00 Berlin; answered 10:00 (1 h both ways); resolved Tue 09:00: 24 h calendar, 8 business h.
  await add({
    channel: 'email',
    priority: 'high',
    created: '2026-11-30T08:00:00Z',
    assignee: a.id,
    replies: [
      ['2026-11-30T09:00:00Z', a.id],
      ['2026-12-01T07:00:00Z', b.id],
    ],
    moves: [
      ['2026-11-30T09:00:00Z', 'open'],
      ['2026-12-01T08:00:00Z', 'resolved'],
    ],
    rating: [5, 'Great'],
  });
  // T2: Mon 16:00 Berlin; answered Tue 10:00 (18 h; business Mon 16–17 + Tue 9–10 = 2 h); pending Tue
  // 11:00 → open Wed 10:00 → resolved Wed 12:00: 44 h calendar; business new/open: 1 h + 2 h + 2 h = 5 h.
  await add({
    channel: 'phone',
    priority: 'medium',
    created: '2026-11-30T15:00:00Z',
    assignee: b.id,
    replies: [['2026-12-01T09:00:00Z', b.id]],
    notes: [['2026-12-01T09:30:00Z', a.id]],
    moves: [
      ['2026-12-01T09:00:00Z', 'open'],
      ['2026-12-01T10:00:00Z', 'pending'],
      ['2026-12-02T09:00:00Z', 'open'],
      ['2026-12-02T11:00:00Z', 'resolved'],
    ],
    rating: [2, 'Slow'],
  });
  // T3: Tue, never answered, response breached, still new.
  await add({
    channel: 'email',
    priority: 'medium',
    created: '2026-12-01T10:00:00Z',
    responseBreached: true,
  });
  // T4: Wed 10:00 Berlin; answered 10:30; resolved 11:00; reopened Thu 10:00; resolved Fri 10:00:
  // 48 h calendar; business new/open: Wed 10–11 (1 h) + Thu 10–17 (7 h) + Fri 9–10 (1 h) = 9 h.
  await add({
    channel: 'phone',
    priority: 'low',
    created: '2026-12-02T09:00:00Z',
    assignee: a.id,
    replies: [['2026-12-02T09:30:00Z', a.id]],
    moves: [
      ['2026-12-02T09:30:00Z', 'open'],
      ['2026-12-02T10:00:00Z', 'resolved'],
      ['2026-12-03T09:00:00Z', 'open'],
      ['2026-12-04T09:00:00Z', 'resolved'],
    ],
  });
  // T5: the week before, still open: backlog carried into the range; its reply is outside the range.
  await add({
    channel: 'web',
    priority: 'medium',
    created: '2026-11-25T10:00:00Z',
    assignee: a.id,
    replies: [['2026-11-25T11:00:00Z', a.id]],
    moves: [['2026-11-25T11:00:00Z', 'open']],
  });
  // T6: Thu, cancelled an hour later without an answer (response settled, not breached).
  await add({
    channel: 'chat',
    priority: 'medium',
    created: '2026-12-03T10:00:00Z',
    moves: [['2026-12-03T11:00:00Z', 'cancelled']],
  });
  return { ws, admin, a, b, ids };
}

describe('GET /api/support/stats/ on a hand-computed week', () => {
  it('gives every figure as defined, from incremental refreshes and from a rebuild alike', async () => {
    const { ws, admin, a, b, ids } = await fixedWeek();
    // Incremental: one refresh per ticket, as the subscriber does.
    for (const id of ids) {
      await inWorkspace(db, ws.id, (tx) => refreshTicketStats({ tx, workspaceId: ws.id, now: now() }, [id]));
    }
    const get = async (query: string) => {
      const res = await app.inject(
        asBearer(admin.token, {
          method: 'GET',
          url: `/api/support/stats/?from=2026-11-30&to=2026-12-06${query}`,
        }),
      );
      expect(res.statusCode, res.body).toBe(200);
      return res.json<SupportStats>();
    };
    const incremental = await get('');
    const s = incremental;
    expect(s.range).toEqual({
      from: '2026-11-30',
      to: '2026-12-06',
      timezone: 'Europe/Berlin',
      granularity: 'day',
    });
    expect(s.created).toBe(5);
    expect(s.resolved).toBe(3);
    expect(s.reopened).toBe(1);
    expect(s.backlog).toBe(2);
    expect(s.by_status).toEqual({
      new: 1,
      open: 0,
      pending: 0,
      on_hold: 0,
      resolved: 3,
      closed: 0,
      cancelled: 1,
    });
    expect(s.by_channel).toEqual({ email: 2, phone: 2, chat: 1 });
    expect(s.by_priority).toEqual({ high: 1, medium: 3, low: 1 });
    expect(s.by_category).toEqual({ none: 5 });
    expect(s.first_response_time).toEqual({
      count: 3,
      calendar: { median: 3600, p90: 64800 },
      business: { median: 3600, p90: 7200 },
    });
    expect(s.resolution_time).toEqual({
      count: 3,
      calendar: { median: 158400, p90: 172800 },
      business: { median: 28800, p90: 32400 },
    });
    expect(s.sla).toEqual({ response_compliance: 0.8, resolution_compliance: 1, breaches: 1 });
    expect(s.csat.average).toBe(3.5);
    expect(s.csat.ratings).toBe(2);
    expect(s.csat.distribution).toEqual({ '1': 0, '2': 1, '3': 0, '4': 0, '5': 1 });
    expect(s.csat.response_rate).toBeCloseTo(2 / 3, 10);
    expect(s.csat.latest_comments.map((c) => [c.rating, c.comment])).toEqual([
      [2, 'Slow'],
      [5, 'Great'],
    ]);
    expect(s.agents).toEqual([
      {
        agent: { id: a.id, name: 'Alex', email: a.email },
        assigned: 2,
        public_replies: 2,
        resolved: 2,
        median_first_response: 1800,
        csat: 5,
      },
      {
        agent: { id: b.id, name: 'Bo', email: b.email },
        assigned: 1,
        public_replies: 2,
        resolved: 1,
        median_first_response: 64800,
        csat: 2,
      },
    ]);
    expect(s.kb).toEqual({ views: 0, helpful_ratio: null, searches_without_result: 0, deflections: 0 });
    expect(s.series.map((r) => [r.period, r.created, r.resolved, r.reopened, r.backlog])).toEqual([
      ['2026-11-30', 2, 0, 0, 3],
      ['2026-12-01', 1, 1, 0, 3],
      // T4's first resolution was undone by its reopening: only its last one (Fri) counts as resolved.
      ['2026-12-02', 1, 1, 0, 2],
      ['2026-12-03', 1, 0, 1, 3],
      ['2026-12-04', 0, 1, 0, 2],
      ['2026-12-05', 0, 0, 0, 2],
      ['2026-12-06', 0, 0, 0, 2],
    ]);

    // Weeks from Monday: one period.
    const weekly = await get('&granularity=week');
    expect(weekly.series).toEqual([
      { period: '2026-11-30', created: 5, resolved: 3, reopened: 1, backlog: 2 },
    ]);

    // Filtered (read from the facts): phone tickets only.
    const phone = await get('&channel=phone');
    expect([phone.created, phone.resolved, phone.reopened, phone.backlog]).toEqual([2, 2, 1, 0]);
    expect(phone.resolution_time.calendar).toEqual({ median: 158400, p90: 172800 });
    expect(phone.series.at(-1)?.backlog).toBe(0);
    const alex = await get(`&agent=${a.id}`);
    // T5 (Alex's, from the week before, still open) is his backlog.
    expect([alex.created, alex.resolved, alex.backlog]).toEqual([2, 2, 1]);
    expect(alex.first_response_time.calendar).toEqual({ median: 1800, p90: 3600 });
    // The filtered path reads the same contributions: with a filter that keeps everything it agrees.
    const all = await get('&channel=web,email,phone,chat,social,api');
    expect({ ...all, range: null }).toEqual({ ...incremental, range: null });

    // A rebuild from scratch gives the same report.
    const progress: (number | string)[] = [];
    await rebuildStats(db, ws.id, {
      now,
      batchSize: 4,
      onProgress: (p) => progress.push(p.step === 'facts' ? p.done : p.step),
    });
    expect(progress).toEqual([0, 4, 6, 'daily', 'dimensions', 'done']);
    expect(await get('')).toEqual(incremental);
  });

  it('counts the KB figures of the period in the workspace’s time zone, categories and months', async () => {
    const { ws, admin, ids } = await fixedWeek();
    await rebuildStats(db, ws.id, { now });
    // Berlin is UTC+1: the week runs from 2026-11-29T23:00Z to 2026-12-06T23:00Z.
    await asSystem(db, async (tx) => {
      const article = await tx
        .insertInto('knowledge_articles')
        .values({
          workspace_id: ws.id,
          slug: 'returns',
          language: 'en',
          status: 'published',
          title: 'Returns',
          content: 'How to return.',
          content_html: '<p>How to return.</p>',
          content_text: 'How to return.',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const view = (visitor: string, day: string) => ({
        workspace_id: ws.id,
        article_id: article.id,
        visitor_hash: visitor,
        day,
      });
      // Views: once per visitor and day (the trigger keeps the daily totals); 3 in the week, 1 before.
      await tx
        .insertInto('kb_article_views')
        .values([
          view('v1', '2026-11-30'),
          view('v2', '2026-11-30'),
          view('v1', '2026-12-06'),
          view('v3', '2026-11-29'),
        ])
        .execute();
      const vote = (visitor: string, helpful: boolean, at: string) => ({
        workspace_id: ws.id,
        article_id: article.id,
        visitor_hash: visitor,
        helpful,
        created_at: new Date(at),
        updated_at: new Date(at),
      });
      // Votes cast or changed in the week: v4 at 00:30 Berlin on Monday counts, v3 (Sunday before) does not:
      // 2 helpful of 3.
      await tx
        .insertInto('kb_article_votes')
        .values([
          vote('v1', true, '2026-12-01T10:00:00Z'),
          vote('v2', false, '2026-12-02T10:00:00Z'),
          vote('v4', true, '2026-11-29T23:30:00Z'),
          vote('v3', true, '2026-11-29T22:30:00Z'),
        ])
        .execute();
      // No-result searches last seen in the week: 4 (the one seen in November before does not count).
      await tx
        .insertInto('kb_search_misses')
        .values([
          {
            workspace_id: ws.id,
            language: 'en',
            query: 'warranty',
            count: 4,
            last_seen_at: new Date('2026-12-03T10:00:00Z'),
          },
          {
            workspace_id: ws.id,
            language: 'en',
            query: 'invoice',
            count: 2,
            last_seen_at: new Date('2026-11-20T10:00:00Z'),
          },
        ])
        .execute();
      // Deflections: s1 was shown suggestions and left without a ticket; s2 submitted one; s3 left before.
      const event = (
        session: string,
        kind: 'suggestions_shown' | 'left_without_ticket' | 'ticket_submitted',
        at: string,
      ) => ({
        workspace_id: ws.id,
        session_id: session,
        event: kind,
        created_at: new Date(at),
      });
      await tx
        .insertInto('kb_deflection_events')
        .values([
          event('s1', 'suggestions_shown', '2026-12-02T09:00:00Z'),
          event('s1', 'left_without_ticket', '2026-12-02T09:05:00Z'),
          event('s2', 'suggestions_shown', '2026-12-02T10:00:00Z'),
          event('s2', 'ticket_submitted', '2026-12-02T10:05:00Z'),
          event('s3', 'suggestions_shown', '2026-11-29T22:00:00Z'),
          event('s3', 'left_without_ticket', '2026-11-29T22:10:00Z'),
        ])
        .execute();
      // T2 (phone, resolved) gets a category: by_category counts it under its slug.
      const category = await tx
        .insertInto('ticket_categories')
        .values({ workspace_id: ws.id, name: 'Damage', slug: 'damage' })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx
        .updateTable('support_tickets')
        .set({ category_id: category.id })
        .where('id', '=', ids[1]!)
        .execute();
    });
    await inWorkspace(db, ws.id, (tx) =>
      refreshTicketStats({ tx, workspaceId: ws.id, now: now() }, [ids[1]!]),
    );
    const get = async (query: string) => {
      const res = await app.inject(
        asBearer(admin.token, { method: 'GET', url: `/api/support/stats/?${query}` }),
      );
      expect(res.statusCode, res.body).toBe(200);
      return res.json<SupportStats>();
    };
    const week = await get('from=2026-11-30&to=2026-12-06');
    expect(week.kb).toEqual({ views: 3, helpful_ratio: 2 / 3, searches_without_result: 4, deflections: 1 });
    expect(week.by_category).toEqual({ none: 4, damage: 1 });
    expect((await get('from=2026-11-30&to=2026-12-06&category=damage')).created).toBe(1);
    // Months: November holds T5 (Nov 25) and Monday's two; December the other three. The backlog at the end
    // of November is T1, T2 and T5 (T1 and T2 were resolved in December).
    const months = await get('from=2026-11-01&to=2026-12-06&granularity=month');
    expect(months.series).toEqual([
      { period: '2026-11-01', created: 3, resolved: 0, reopened: 0, backlog: 3 },
      { period: '2026-12-01', created: 3, resolved: 3, reopened: 1, backlog: 2 },
    ]);
    expect(months.kb.views).toBe(4);
  });

  it('is for admins of the workspace only, and checks its input', async () => {
    const { ws, admin } = await fixedWeek();
    const other = await buildWorkspace(db);
    const otherAdmin = await buildAdmin(db, other);
    const agent = await buildUser(db, ws);
    const agentToken = await buildToken(db, ws, agent.id);
    const customer = await buildCustomer(db, ws);
    const url = '/api/support/stats/?from=2026-11-30&to=2026-12-06';
    expect((await app.inject({ method: 'GET', url })).statusCode).toBe(401);
    const asCustomer = await app.inject({
      method: 'GET',
      url,
      headers: await customerSession(db, ws, customer.id),
    });
    expect(asCustomer.statusCode).toBe(403);
    expect(asCustomer.headers['content-type']).toContain('application/problem+json');
    // Agents get no figures: neither the report nor its CSV tables.
    for (const path of [url, `/api/support/stats/export.csv?table=agents&from=2026-11-30`]) {
      const asAgent = await app.inject(asBearer(agentToken, { method: 'GET', url: path }));
      expect(asAgent.statusCode, path).toBe(403);
      expect(asAgent.headers['content-type']).toContain('application/problem+json');
      expect(asAgent.body).not.toContain('created');
    }
    // Another workspace sees none of these tickets (rollups are under row-level security too).
    await rebuildStats(db, ws.id, { now });
    const theirs = await app.inject(asBearer(otherAdmin.token, { method: 'GET', url }));
    expect(theirs.json<SupportStats>().created).toBe(0);
    // Another workspace's team or agent is refused like an unknown one.
    const team = await app.inject(
      asBearer(otherAdmin.token, {
        method: 'POST',
        url: '/api/support/admin/teams/',
        payload: { name: 'Theirs' },
      }),
    );
    expect(team.statusCode, team.body).toBe(201);
    for (const query of [
      `&team=${team.json<{ id: number }>().id}`,
      `&agent=${otherAdmin.id}`,
      '&category=nope',
      '&priority=nope',
    ]) {
      const res = await app.inject(asBearer(admin.token, { method: 'GET', url: `${url}${query}` }));
      expect(res.statusCode, query).toBe(400);
    }
    for (const bad of [
      '?from=2026-13-01',
      '?from=2026-12-07&to=2026-12-01',
      '?from=2000-01-01&to=2026-01-01',
      '?channel=fax',
      '?granularity=year',
      '?from=x',
    ]) {
      const res = await app.inject(
        asBearer(admin.token, { method: 'GET', url: `/api/support/stats/${bad}` }),
      );
      expect(res.statusCode, bad).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });
});
