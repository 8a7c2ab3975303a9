import { describe, expect, it } from 'vitest';
import { testApp } from '../../test/app.js';
import { customerSession } from '../../test/factories.js';
import { TICKETS, slaContext, testClock } from './sla-test-context.js';

// March 2025, before DST: Berlin = UTC+1. 2025-03-03 is a Monday.
const clock = testClock();
const { app, db } = await testApp({ now: clock.now });
const setup = () => slaContext(app, db);
const reply = (t: Awaited<ReturnType<typeof setup>>, id: number, message = 'On it.') =>
  t.ok('POST', `${TICKETS}${id}/reply/`, { message }, 201);

describe('GET /tickets/{id}/sla/ explains the clock in words', () => {
  it('category SLA, answered in time, paused while pending', async () => {
    const t = await setup();
    const gold = await t.createSla();
    await t.createCategory({ name: 'Billing', sla: gold.id });
    clock.set('2025-03-03T15:30:00+01:00');
    const ticket = await t.openTicket({ category: 'billing', priority: 'medium' });
    clock.set('2025-03-03T16:05:00+01:00');
    await reply(t, ticket.id);
    clock.set('2025-03-04T09:00:00+01:00');
    await t.setStatus(ticket.id, 'pending');
    clock.set('2025-03-04T10:00:00+01:00');
    await t.setStatus(ticket.id, 'open');
    clock.set('2025-03-04T12:00:00+01:00');

    const x = await t.explain(ticket.id);
    expect(x.sla.reason).toBe('SLA Gold applies: it is the SLA of category Billing.');
    expect(x.response.explanation).toBe(
      'First response due Tue 11:30 Berlin: 4 business hours (SLA Gold) from Mon 15:30; ' +
        'answered Mon 16:05, in time.',
    );
    expect(x.resolution.explanation).toBe(
      'Resolution due Wed 16:30 Berlin: 16 business hours (SLA Gold) from Mon 15:30, ' +
        'paused 1 h while pending; open, 12 h 30 min left.',
    );
    expect(x.explanation).toBe(`${x.response.explanation} ${x.resolution.explanation}`);
    expect(x.targets.resolution).toMatchObject({ hours: 16, source: 'sla' });
    expect(x.resolution.pauses).toEqual([
      expect.objectContaining({ status: 'pending', business_seconds: 3600, moved_due: true }),
    ]);
    // The counted windows add up to the target: Mon 1.5 h, Tue 7 h (after the pause), Wed 7.5 h.
    const x2 = x as typeof x & { resolution: { windows: { seconds: number }[] } };
    expect(x2.resolution.windows.map((w) => w.seconds / 3600)).toEqual([1.5, 7, 7.5]);
    expect(x.stored.in_sync).toBe(true);
  });

  it('a stricter priority under the default SLA, not answered yet', async () => {
    const t = await setup();
    await t.createSla({ name: 'Standard', is_default: true });
    clock.set('2025-03-03T16:30:00+01:00');
    const ticket = await t.openTicket({ priority: 'urgent' });
    clock.set('2025-03-04T10:00:00+01:00');
    const x = await t.explain(ticket.id);
    expect(x.sla.reason).toBe(
      'SLA Standard applies: it is the workspace default (the ticket has no category).',
    );
    expect(x.response.explanation).toBe(
      'First response due Tue 10:30 Berlin: 2 business hours (priority target, stricter than SLA ' +
        'Standard’s 4 h) from Mon 16:30; not answered yet, 30 min left.',
    );
    expect(x.resolution.explanation).toBe(
      'Resolution due Tue 16:30 Berlin: 8 business hours (priority target, stricter than SLA ' +
        'Standard’s 16 h) from Mon 16:30; open, 6 h 30 min left.',
    );
    expect(x.targets.first_response).toMatchObject({ hours: 2, source: 'priority' });
  });

  it('an SLA set on the ticket, opened on a Saturday', async () => {
    const t = await setup();
    const gold = await t.createSla();
    clock.set('2025-03-08T10:00:00+01:00');
    const ticket = await t.openTicket({ priority: 'low' });
    await t.patchTicket(ticket.id, { sla: gold.id });
    clock.set('2025-03-10T09:30:00+01:00');
    const x = await t.explain(ticket.id);
    expect(x.sla).toMatchObject({ source: 'ticket', pinned: true });
    expect(x.sla.reason).toBe('SLA Gold applies: it was set on this ticket.');
    expect(x.response.explanation).toBe(
      'First response due Mon 13:00 Berlin: 4 business hours (SLA Gold) from Mon 09:00 ' +
        '(opened Sat 10:00); not answered yet, 3 h 30 min left.',
    );
  });

  it('no SLA: the priority around the clock, overdue', async () => {
    const t = await setup();
    clock.set('2025-03-03T15:30:00+01:00');
    const ticket = await t.openTicket({ priority: 'high' });
    clock.set('2025-03-03T23:45:00+01:00');
    const x = await t.explain(ticket.id);
    expect(x.sla).toMatchObject({ applied: null, source: 'none' });
    expect(x.sla.reason).toBe(
      'No SLA applies (none on the ticket or its category, and no active default): the priority’s ' +
        'targets run around the clock in Berlin time.',
    );
    expect(x.response.explanation).toBe(
      'First response due Mon 23:30 Berlin: 8 hours around the clock (priority target, no SLA) ' +
        'from Mon 15:30; not answered yet, 15 min overdue.',
    );
    expect(x.response.state).toBe('breached');
    expect(x.resolution.explanation).toBe(
      'Resolution due Tue 15:30 Berlin: 24 hours around the clock (priority target, no SLA) ' +
        'from Mon 15:30; open, 15 h 45 min left.',
    );
  });

  it('answered late and resolved late', async () => {
    const t = await setup();
    const gold = await t.createSla();
    await t.createCategory({ name: 'Returns', sla: gold.id });
    clock.set('2025-03-03T09:00:00+01:00');
    const ticket = await t.openTicket({ category: 'returns', priority: 'low' });
    clock.set('2025-03-03T14:00:00+01:00');
    await reply(t, ticket.id);
    clock.set('2025-03-05T11:00:00+01:00');
    await t.setStatus(ticket.id, 'resolved');
    clock.set('2025-03-06T09:00:00+01:00');
    const x = await t.explain(ticket.id);
    expect(x.response.explanation).toBe(
      'First response due Mon 13:00 Berlin: 4 business hours (SLA Gold) from Mon 09:00; ' +
        'answered Mon 14:00, 1 h late.',
    );
    expect(x.resolution.explanation).toBe(
      'Resolution due Tue 17:00 Berlin: 16 business hours (SLA Gold) from Mon 09:00; ' +
        'resolved Wed 11:00, 2 h late.',
    );
    expect([x.response.state, x.resolution.state]).toEqual(['breached', 'breached']);
    // The flags are the breach sweep's to set; the explanation shows both.
    expect(x.resolution.breached_flag).toBe(false);
  });

  it('paused now: the due is frozen at what was left', async () => {
    const t = await setup();
    await t.createSla({ is_default: true });
    clock.set('2025-03-03T09:00:00+01:00');
    const ticket = await t.openTicket();
    clock.set('2025-03-03T13:00:00+01:00');
    await t.setStatus(ticket.id, 'pending');
    clock.set('2025-03-03T15:00:00+01:00');
    const x = await t.explain(ticket.id);
    expect(x.resolution.state).toBe('paused');
    expect(x.resolution.explanation).toBe(
      'Resolution due Tue 17:00 Berlin: 16 business hours (SLA Gold) from Mon 09:00; ' +
        'pending since Mon 13:00, 12 h left.',
    );
    expect(x.resolution.pauses).toEqual([
      expect.objectContaining({ status: 'pending', business_seconds: 7200, moved_due: false }),
    ]);
  });

  it('is for staff of the ticket’s workspace', async () => {
    const t = await setup();
    const other = await setup();
    const theirs = await other.openTicket();
    const mine = await t.openTicket();
    expect((await t.call('GET', `${TICKETS}${theirs.id}/sla/`)).statusCode).toBe(404);
    expect((await t.call('GET', `${TICKETS}${theirs.ticket_number}/sla/`)).statusCode).toBe(404);
    expect(
      (await t.call('GET', `${TICKETS}${mine.ticket_number}/sla/`, undefined, t.agentToken)).statusCode,
    ).toBe(200);
    const session = await customerSession(db, t.ws, t.customer.id);
    const res = await app.inject({ method: 'GET', url: `${TICKETS}${mine.id}/sla/`, headers: session });
    expect(res.statusCode).toBe(403);
  });
});
