import { describe, expect, it } from 'vitest';
import type { TicketChannel, TicketStatus } from '../../db/schema.js';
import { asSystem, inWorkspace } from '../../db/tenant.js';
import { testApp } from '../../test/app.js';
import { priorityOf, unique } from '../../test/factories.js';
import { simulateSla } from './simulate-sla.js';
import { SLAS, slaContext, testClock } from './sla-test-context.js';

// March 2025, before DST: Berlin = UTC+1. 2025-03-03 is a Monday.
const clock = testClock('2025-03-10T12:00:00+01:00');
const { app, db } = await testApp({ now: clock.now });
const d = (local: string) => new Date(`${local}+01:00`);

interface Seeded {
  priority: 'low' | 'medium' | 'urgent';
  created: string;
  status: TicketStatus;
  channel?: TicketChannel;
  firstResponse?: string;
  resolved?: string;
  changes?: [string, TicketStatus, TicketStatus][];
  responseDue?: string;
  resolutionDue?: string;
  resolutionBreached?: boolean;
}

async function seed(t: Awaited<ReturnType<typeof slaContext>>, tickets: Seeded[]) {
  for (const s of tickets) {
    const priority = await priorityOf(db, t.ws, s.priority);
    await asSystem(db, async (tx) => {
      const row = await tx
        .insertInto('support_tickets')
        .values({
          workspace_id: t.ws.id,
          customer_id: t.customer.id,
          priority_id: priority.id,
          ticket_number: `SIM-${unique()}`,
          subject: 'Replay',
          description: 'Replay',
          status: s.status,
          channel: s.channel ?? 'web',
          created_at: d(s.created),
          updated_at: d(s.created),
          first_response_at: s.firstResponse ? d(s.firstResponse) : null,
          resolved_at: s.resolved ? d(s.resolved) : null,
          response_due_at: s.responseDue ? d(s.responseDue) : null,
          resolution_due_at: s.resolutionDue ? d(s.resolutionDue) : null,
          resolution_breached: s.resolutionBreached ?? false,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const [at, from, to] of s.changes ?? []) {
        await tx
          .insertInto('ticket_history')
          .values({
            workspace_id: t.ws.id,
            ticket_id: row.id,
            field: 'status',
            old_value: from,
            new_value: to,
            created_at: d(at),
          })
          .execute();
      }
    });
  }
}

/**
 * Five tickets replayed under "Sim" (Berlin, Mon–Fri 09–17, 4 h / 16 h; urgent's 2 h / 8 h is stricter),
 * judged at Mon 2025-03-10 12:00:
 *
 * T1 medium: reply +1 h, resolved Mon 15:00 → sim met/met; recorded due 09:30 → actual response breached.
 * T2 medium: reply Mon 14:00 (due 13:00), resolved Wed 10:00 (due Tue 17:00) → sim breached/breached;
 *    actual: no response due (no target), resolution flag set (breached).
 * T3 urgent: never answered, pending since Tue 16:30 → sim response due Wed 10:00 breached, resolution
 *    paused (open); actual the same with its recorded dues.
 * T4 medium: reply 09:30, pending Wed 10:00–Thu 10:00 (8 business hours), resolved Fri 11:00 → counted
 *    10 h: sim met/met; recorded resolution due Thu 17:00 (no pause) → actual breached.
 * T5 low, phone: open, never answered, no recorded dues → sim breached/breached, actual no target.
 * T6: created before the range, ignored.
 */
const TICKETS: Seeded[] = [
  {
    priority: 'medium',
    created: '2025-03-03T09:00:00',
    status: 'resolved',
    firstResponse: '2025-03-03T10:00:00',
    resolved: '2025-03-03T15:00:00',
    changes: [
      ['2025-03-03T10:00:00', 'new', 'open'],
      ['2025-03-03T15:00:00', 'open', 'resolved'],
    ],
    responseDue: '2025-03-03T09:30:00',
    resolutionDue: '2025-03-03T17:00:00',
  },
  {
    priority: 'medium',
    created: '2025-03-03T09:00:00',
    status: 'resolved',
    firstResponse: '2025-03-03T14:00:00',
    resolved: '2025-03-05T10:00:00',
    changes: [
      ['2025-03-03T14:00:00', 'new', 'open'],
      ['2025-03-05T10:00:00', 'open', 'resolved'],
    ],
    resolutionBreached: true,
  },
  {
    priority: 'urgent',
    created: '2025-03-04T16:00:00',
    status: 'pending',
    changes: [['2025-03-04T16:30:00', 'new', 'pending']],
    responseDue: '2025-03-05T10:00:00',
    resolutionDue: '2025-03-05T16:30:00',
  },
  {
    priority: 'medium',
    created: '2025-03-05T09:00:00',
    status: 'resolved',
    firstResponse: '2025-03-05T09:30:00',
    resolved: '2025-03-07T11:00:00',
    changes: [
      ['2025-03-05T09:30:00', 'new', 'open'],
      ['2025-03-05T10:00:00', 'open', 'pending'],
      ['2025-03-06T10:00:00', 'pending', 'open'],
      ['2025-03-07T11:00:00', 'open', 'resolved'],
    ],
    responseDue: '2025-03-05T11:00:00',
    resolutionDue: '2025-03-06T17:00:00',
  },
  { priority: 'low', created: '2025-03-06T09:00:00', status: 'open', channel: 'phone' },
  { priority: 'low', created: '2025-02-27T09:00:00', status: 'open' },
];

const tally = (met: number, breached: number, open: number, noTarget: number, compliance: number | null) => ({
  met,
  breached,
  open,
  no_target: noTarget,
  compliance_percent: compliance,
});

async function setup() {
  const t = await slaContext(app, db);
  await seed(t, TICKETS);
  const sla = await t.createSla({ name: 'Sim' });
  const simulate = (body: object) => t.call('POST', `${SLAS}${sla.id}/simulate/`, body);
  return { ...t, sla, simulate };
}

const WEEK = { from: '2025-03-03T00:00:00+01:00', to: '2025-03-08T00:00:00+01:00' };

describe('POST /admin/slas/{id}/simulate/', () => {
  it('replays a hand-checked week: simulated next to actual, overall and per priority', async () => {
    const t = await setup();
    const res = await t.simulate(WEEK);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<Record<string, unknown>>();
    expect(body).toMatchObject({
      sla: { id: t.sla.id, name: 'Sim' },
      from: '2025-03-02T23:00:00.000Z',
      to: '2025-03-07T23:00:00.000Z',
      now: '2025-03-10T11:00:00.000Z',
      tickets: 5,
      simulated: { response: tally(2, 3, 0, 0, 40), resolution: tally(2, 2, 1, 0, 50) },
      actual: { response: tally(1, 2, 0, 2, 33.33), resolution: tally(1, 2, 1, 1, 33.33) },
    });
    expect(body.by_priority).toEqual([
      {
        priority: expect.objectContaining({ code: 'low' }) as unknown,
        tickets: 1,
        simulated: { response: tally(0, 1, 0, 0, 0), resolution: tally(0, 1, 0, 0, 0) },
        actual: { response: tally(0, 0, 0, 1, null), resolution: tally(0, 0, 0, 1, null) },
      },
      {
        priority: expect.objectContaining({ code: 'medium' }) as unknown,
        tickets: 3,
        simulated: { response: tally(2, 1, 0, 0, 66.67), resolution: tally(2, 1, 0, 0, 66.67) },
        actual: { response: tally(1, 1, 0, 1, 50), resolution: tally(1, 2, 0, 0, 33.33) },
      },
      {
        priority: expect.objectContaining({ code: 'urgent' }) as unknown,
        tickets: 1,
        simulated: { response: tally(0, 1, 0, 0, 0), resolution: tally(0, 0, 1, 0, null) },
        actual: { response: tally(0, 1, 0, 0, 0), resolution: tally(0, 0, 1, 0, null) },
      },
    ]);
  });

  it('gives the same answer in batches of two', async () => {
    const t = await setup();
    const whole = (await t.simulate(WEEK)).json<Record<string, unknown>>();
    const batched = await inWorkspace(db, t.ws.id, (tx) =>
      simulateSla(tx, t.ws.id, t.sla.id, WEEK, clock.now(), 2),
    );
    expect(JSON.parse(JSON.stringify(batched))).toEqual(whole);
  });

  it('filters by priority, channel, category and team', async () => {
    const t = await setup();
    const medium = await t.simulate({ ...WEEK, filters: { priority: 'medium' } });
    expect(medium.json()).toMatchObject({ tickets: 3 });
    const both = await t.simulate({ ...WEEK, filters: { priority: ['low', 'urgent'] } });
    expect(both.json()).toMatchObject({ tickets: 2 });
    const phone = await t.simulate({ ...WEEK, filters: { channel: 'phone' } });
    expect(phone.json()).toMatchObject({ tickets: 1, simulated: { response: { breached: 1 } } });
    await t.createCategory({ name: 'Empty' });
    expect((await t.simulate({ ...WEEK, filters: { category: 'empty' } })).json()).toMatchObject({
      tickets: 0,
    });
    const team = await t.ok<{ id: number }>('POST', '/api/support/admin/teams/', { name: 'T' }, 201);
    expect((await t.simulate({ ...WEEK, filters: { team: team.id } })).json()).toMatchObject({ tickets: 0 });
  });

  it('answers 400 for a bad range or filter', async () => {
    const t = await setup();
    for (const body of [
      { from: WEEK.to, to: WEEK.from },
      { from: '2025-03-03', to: WEEK.to },
      { from: WEEK.from },
      { ...WEEK, filters: { priority: 'nope' } },
      { ...WEEK, filters: { category: 'nope' } },
      { ...WEEK, filters: { team: 999999 } },
      { ...WEEK, filters: { channel: 'fax' } },
      { ...WEEK, filters: { tag: 'x' } },
    ]) {
      const res = await t.simulate(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
  });
});
