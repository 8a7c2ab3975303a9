import { describe, expect, it } from 'vitest';
import { asSystem, inWorkspace } from '../../db/tenant.js';
import { testApp } from '../../test/app.js';
import { buildWorkspace, customerSession, priorityOf } from '../../test/factories.js';
import { runRecompute } from './recompute-job.js';
import { SLAS, TICKETS, slaContext, testClock } from './sla-test-context.js';

// March 2025, before DST: Berlin = UTC+1. 2025-03-03 is a Monday.
const clock = testClock();
const { app, db, deps } = await testApp({ now: clock.now });
const setup = () => slaContext(app, db);
const utc = (iso: string) => new Date(iso).toISOString();

describe('due dates on creation', () => {
  it('come from the category’s SLA, in business hours, across the weekend', async () => {
    const t = await setup();
    const gold = await t.createSla();
    await t.createCategory({ name: 'Billing', sla: gold.id });
    clock.set('2025-03-07T15:00:00+01:00'); // Friday 15:00
    const ticket = await t.openTicket({ category: 'billing', priority: 'low' });
    expect(ticket.sla).toMatchObject({ id: gold.id, name: 'Gold' });
    // 4 h: Fri 15–17 + Mon 09–11. 16 h: Fri 2 h + Mon 8 h + Tue 6 h → Tue 15:00.
    expect(ticket.response_due_at).toBe(utc('2025-03-10T11:00:00+01:00'));
    expect(ticket.resolution_due_at).toBe(utc('2025-03-11T15:00:00+01:00'));
    // Warnings at 80 %: 3.2 h → Mon 10:12; 12.8 h → Mon 17:00 + 2.8 h → Tue 11:48.
    expect(ticket.response_warning_at).toBe(utc('2025-03-10T10:12:00+01:00'));
    expect(ticket.resolution_warning_at).toBe(utc('2025-03-11T11:48:00+01:00'));
  });

  it('come from the workspace default when the category has none, and the stricter priority wins', async () => {
    const t = await setup();
    const standard = await t.createSla({ name: 'Standard', is_default: true });
    clock.set('2025-03-03T15:30:00+01:00'); // Monday 15:30
    const medium = await t.openTicket({ priority: 'medium' }); // 24 h / 72 h: the SLA is stricter
    expect(medium.sla?.id).toBe(standard.id);
    expect(medium.response_due_at).toBe(utc('2025-03-04T11:30:00+01:00'));
    const urgent = await t.openTicket({ priority: 'urgent' }); // 2 h / 8 h: the priority is stricter
    expect(urgent.response_due_at).toBe(utc('2025-03-04T09:30:00+01:00'));
    expect(urgent.resolution_due_at).toBe(utc('2025-03-04T15:30:00+01:00'));
  });

  it('use the ticket’s own SLA first, and only the priority around the clock without any SLA', async () => {
    const t = await setup();
    clock.set('2025-03-03T15:30:00+01:00');
    const bare = await t.openTicket({ priority: 'high' }); // 8 h / 24 h, 24×7
    expect(bare.sla).toBeNull();
    expect(bare.response_due_at).toBe(utc('2025-03-03T23:30:00+01:00'));
    expect(bare.resolution_due_at).toBe(utc('2025-03-04T15:30:00+01:00'));

    await t.createSla({ name: 'Standard', is_default: true, first_response_hours: 8 });
    const gold = await t.createSla({ first_response_hours: 1 });
    const pinned = await t.patchTicket(bare.id, { sla: gold.id });
    expect(pinned.sla?.id).toBe(gold.id);
    expect(pinned.response_due_at).toBe(utc('2025-03-03T16:30:00+01:00'));
    // Unpinned, the default applies again.
    const unpinned = await t.patchTicket(bare.id, { sla: null });
    expect(unpinned.sla?.name).toBe('Standard');
    expect(unpinned.response_due_at).toBe(utc('2025-03-04T15:30:00+01:00'));
  });

  it('skip an inactive SLA: the next in line applies', async () => {
    const t = await setup();
    const retired = await t.createSla({ name: 'Retired', is_active: false });
    await t.createSla({ name: 'Standard', is_default: true });
    await t.createCategory({ name: 'Old', sla: retired.id });
    const ticket = await t.openTicket({ category: 'old' });
    expect(ticket.sla?.name).toBe('Standard');
    const explained = await t.explain(ticket.id);
    expect(explained.sla.source).toBe('default');
    expect(explained.sla.reason).toBe(
      'SLA Standard applies: it is the workspace default (category Old has only an inactive SLA). ' +
        'SLA Retired (the category’s) is inactive and was skipped.',
    );
  });
});

describe('pausing', () => {
  it('pending then open moves the resolution due by the business time paused', async () => {
    const t = await setup();
    await t.createSla({ is_default: true });
    clock.set('2025-03-03T09:00:00+01:00');
    const ticket = await t.openTicket();
    expect(ticket.resolution_due_at).toBe(utc('2025-03-04T17:00:00+01:00'));

    clock.set('2025-03-03T16:00:00+01:00');
    const paused = await t.setStatus(ticket.id, 'pending');
    expect(paused.sla_paused_at).toBe(utc('2025-03-03T16:00:00+01:00'));
    expect(paused.resolution_due_at).toBe(ticket.resolution_due_at); // frozen while paused
    clock.set('2025-03-04T10:30:00+01:00'); // paused 1 h Monday + 1.5 h Tuesday
    const resumed = await t.setStatus(ticket.id, 'open');
    expect(resumed.sla_paused_at).toBeNull();
    expect(resumed.resolution_due_at).toBe(utc('2025-03-05T11:30:00+01:00')); // +2.5 business hours
    expect(resumed.response_due_at).toBe(ticket.response_due_at); // the response clock never pauses

    const history = await t.ok<{ results: { field: string; old_value: string; new_value: string }[] }>(
      'GET',
      `/api/support/admin/tickets/${ticket.id}/history/`,
    );
    expect(history.results.filter((h) => h.field === 'resolution_due_at')).toEqual([
      expect.objectContaining({
        old_value: utc('2025-03-04T17:00:00+01:00'),
        new_value: utc('2025-03-05T11:30:00+01:00'),
      }),
    ]);
  });

  it('on hold after pending keeps one pause; resolving stops the clock without a pause stamp', async () => {
    const t = await setup();
    await t.createSla({ is_default: true });
    clock.set('2025-03-03T09:00:00+01:00');
    const ticket = await t.openTicket();
    clock.set('2025-03-03T10:00:00+01:00');
    await t.setStatus(ticket.id, 'pending');
    clock.set('2025-03-03T11:00:00+01:00');
    const onHold = await t.setStatus(ticket.id, 'on_hold');
    expect(onHold.sla_paused_at).toBe(utc('2025-03-03T10:00:00+01:00'));
    clock.set('2025-03-03T12:00:00+01:00');
    const open = await t.setStatus(ticket.id, 'open');
    expect(open.resolution_due_at).toBe(utc('2025-03-05T11:00:00+01:00')); // +2 h
    clock.set('2025-03-03T13:00:00+01:00');
    const resolved = await t.setStatus(ticket.id, 'resolved');
    expect(resolved.sla_paused_at).toBeNull();
    expect(resolved.resolution_due_at).toBe(open.resolution_due_at);
  });
});

describe('first response', () => {
  it('is set by the first public staff reply, not by an internal note or the customer', async () => {
    const t = await setup();
    await t.createSla({ is_default: true });
    clock.set('2025-03-03T09:00:00+01:00');
    const ticket = await t.openTicket();
    const session = await customerSession(db, t.ws, t.customer.id);
    clock.set('2025-03-03T09:30:00+01:00');
    await t.ok('POST', `${TICKETS}${ticket.id}/reply/`, { message: 'checking', is_internal: true }, 201);
    const customerReply = await app.inject({
      method: 'POST',
      url: `${TICKETS}${ticket.id}/reply/`,
      headers: session,
      payload: { message: 'any news?' },
    });
    expect(customerReply.statusCode).toBe(201);
    expect((await t.ticket(ticket.id)).first_response_at).toBeNull();
    expect((await t.explain(ticket.id)).response.state).toBe('running');

    clock.set('2025-03-03T10:15:00+01:00');
    await t.ok('POST', `${TICKETS}${ticket.id}/reply/`, { message: 'On its way.' }, 201);
    const answered = await t.ticket(ticket.id);
    expect(answered.first_response_at).toBe(utc('2025-03-03T10:15:00+01:00'));
    expect(answered.status).toBe('open');
    expect((await t.explain(ticket.id)).response.state).toBe('met');
    clock.set('2025-03-03T11:00:00+01:00');
    await t.ok('POST', `${TICKETS}${ticket.id}/reply/`, { message: 'Again.' }, 201);
    expect((await t.ticket(ticket.id)).first_response_at).toBe(utc('2025-03-03T10:15:00+01:00'));
  });
});

describe('PATCH /tickets/{id}/', () => {
  it('recomputes the dues from the ticket’s history when the priority changes', async () => {
    const t = await setup();
    await t.createSla({ is_default: true });
    clock.set('2025-03-03T09:00:00+01:00');
    const ticket = await t.openTicket({ priority: 'medium' });
    clock.set('2025-03-03T10:00:00+01:00');
    await t.setStatus(ticket.id, 'pending');
    clock.set('2025-03-03T11:00:00+01:00');
    await t.setStatus(ticket.id, 'open');
    clock.set('2025-03-03T12:00:00+01:00');
    const urgent = await t.patchTicket(ticket.id, { priority: 'urgent' });
    // Urgent 2 h / 8 h from Mon 09:00; the 1 h pending still counts as paused → resolution Tue 10:00.
    expect(urgent.priority.code).toBe('urgent');
    expect(urgent.response_due_at).toBe(utc('2025-03-03T11:00:00+01:00'));
    expect(urgent.resolution_due_at).toBe(utc('2025-03-04T10:00:00+01:00'));
    const history = await t.ok<{ results: { field: string }[] }>(
      'GET',
      `/api/support/admin/tickets/${ticket.id}/history/`,
    );
    expect(history.results.map((h) => h.field)).toEqual(
      expect.arrayContaining(['priority', 'response_due_at', 'resolution_due_at']),
    );
    const events = await inWorkspace(db, t.ws.id, (tx) =>
      tx
        .selectFrom('domain_events')
        .select('payload')
        .where('subject_id', '=', ticket.id)
        .where('type', '=', 'ticket.updated')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow(),
    );
    expect(JSON.stringify(events.payload)).toContain('"field":"priority"');
  });

  it('recomputes on a category change and refuses bad input, customers and other workspaces', async () => {
    const t = await setup();
    const gold = await t.createSla();
    await t.createCategory({ name: 'Billing', sla: gold.id });
    clock.set('2025-03-03T09:00:00+01:00');
    const ticket = await t.openTicket({ priority: 'low' });
    expect(ticket.sla).toBeNull();
    const moved = await t.patchTicket(ticket.id, { category: 'billing', subject: 'Invoice' });
    expect(moved.sla?.id).toBe(gold.id);
    expect(moved.response_due_at).toBe(utc('2025-03-03T13:00:00+01:00'));

    expect((await t.call('PATCH', `${TICKETS}${ticket.id}/`, {})).statusCode).toBe(400);
    expect((await t.call('PATCH', `${TICKETS}${ticket.id}/`, { priority: 'nope' })).statusCode).toBe(400);
    expect((await t.call('PATCH', `${TICKETS}${ticket.id}/`, { sla: 999999 })).statusCode).toBe(400);
    expect((await t.call('PATCH', `${TICKETS}${ticket.id}/`, { subject: ' ' })).statusCode).toBe(400);
    expect((await t.call('PATCH', `${TICKETS}${ticket.id}/`, { status: 'open' })).statusCode).toBe(400);
    const session = await customerSession(db, t.ws, t.customer.id);
    const asCustomer = await app.inject({
      method: 'PATCH',
      url: `${TICKETS}${ticket.id}/`,
      headers: session,
      payload: { priority: 'urgent' },
    });
    expect(asCustomer.statusCode).toBe(403);
    const other = await setup();
    const theirs = await other.openTicket();
    expect((await t.call('PATCH', `${TICKETS}${theirs.id}/`, { priority: 'low' })).statusCode).toBe(404);
    const otherSla = await other.createSla();
    expect((await t.call('PATCH', `${TICKETS}${ticket.id}/`, { sla: otherSla.id })).statusCode).toBe(400);
  });
  it('refuses another workspace’s category and priority with 400 and leaves the ticket as it was', async () => {
    const t = await setup();
    const other = await setup();
    const mine = await t.createCategory({ name: 'Billing' });
    const ticket = await t.openTicket({ priority: 'low', category: mine.id });
    const theirs = await other.createCategory({ name: 'Secret Billing', slug: 'secret-billing' });
    const theirPriority = await priorityOf(db, other.ws, 'urgent');
    const cases: [string, object][] = [
      ['category', { category: theirs.id }],
      ['category', { category: String(theirs.id) }],
      ['category', { category: theirs.slug }],
      ['priority', { priority: theirPriority.id }],
      ['priority', { priority: String(theirPriority.id) }],
    ];
    for (const [path, body] of cases) {
      const res = await t.call('PATCH', `${TICKETS}${ticket.id}/`, body);
      const what = JSON.stringify(body);
      expect(res.statusCode, what).toBe(400);
      expect(res.json(), what).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path }] });
      expect(res.body, what).not.toContain('Secret Billing');
    }
    const after = await t.ticket(ticket.id);
    expect(after).toMatchObject({ priority: { code: 'low' }, category: { id: mine.id } });
    const history = await inWorkspace(db, t.ws.id, (tx) =>
      tx.selectFrom('ticket_history').select('field').where('ticket_id', '=', ticket.id).execute(),
    );
    expect(history).toEqual([]);
  });
});

describe('warning flags', () => {
  it('are reset when the warning moves into the future, and kept when it stays in the past', async () => {
    const t = await setup();
    await t.createSla({ is_default: true });
    clock.set('2025-03-03T09:00:00+01:00');
    const ticket = await t.openTicket({ priority: 'urgent' }); // response 2 h: warning Mon 10:36
    expect(ticket.response_warning_at).toBe(utc('2025-03-03T10:36:00+01:00'));
    clock.set('2025-03-03T10:40:00+01:00');
    // The breach sweep warned on both targets.
    await asSystem(db, (tx) =>
      tx
        .updateTable('support_tickets')
        .set({ response_warned: true, resolution_warned: true })
        .where('id', '=', ticket.id)
        .execute(),
    );
    const flags = () =>
      asSystem(db, (tx) =>
        tx
          .selectFrom('support_tickets')
          .select(['response_warned', 'resolution_warned'])
          .where('id', '=', ticket.id)
          .executeTakeFirstOrThrow(),
      );
    // Medium: response 4 h → warning Mon 12:12, in the future: warn again then. Resolution: 16 h
    // (warning Tue 13:48) instead of urgent's 8 h: also moved into the future.
    await t.patchTicket(ticket.id, { priority: 'medium' });
    expect(await flags()).toEqual({ response_warned: false, resolution_warned: false });
    await asSystem(db, (tx) =>
      tx.updateTable('support_tickets').set({ response_warned: true }).where('id', '=', ticket.id).execute(),
    );
    clock.set('2025-03-03T12:30:00+01:00');
    // Back to urgent: the response warning (Mon 10:36) is in the past, so the flag stays.
    await t.patchTicket(ticket.id, { priority: 'urgent' });
    expect((await flags()).response_warned).toBe(true);
  });
});

describe('recompute after an SLA edit', () => {
  it('moves the open tickets’ dues in a job with progress, and keeps breach flags', async () => {
    const t = await setup();
    const gold = await t.createSla({ is_default: true });
    clock.set('2025-03-03T09:00:00+01:00');
    const a = await t.openTicket();
    const b = await t.openTicket();
    const done = await t.openTicket();
    await t.setStatus(done.id, 'resolved');
    // Pretend the sweep flagged b as breached.
    await asSystem(db, (tx) =>
      tx.updateTable('support_tickets').set({ response_breached: true }).where('id', '=', b.id).execute(),
    );

    clock.set('2025-03-03T10:00:00+01:00');
    const edited = await t.ok<{ latest_recompute: { id: number; status: string; scope: string } }>(
      'PATCH',
      `${SLAS}${gold.id}/`,
      { first_response_hours: 8, holidays: [{ date: '2025-03-04', name: 'Carnival' }] },
    );
    expect(edited.latest_recompute).toMatchObject({ status: 'queued', scope: 'sla' });
    // Not yet run: the dues are unchanged until the job runs.
    expect((await t.ticket(a.id)).response_due_at).toBe(a.response_due_at);

    const run = await runRecompute(deps, { workspaceId: t.ws.id, runId: edited.latest_recompute.id });
    expect(run).toMatchObject({ status: 'done', total: 2, done: 2, changed: 2 });
    const after = await t.ticket(a.id);
    expect(after.response_due_at).toBe(utc('2025-03-03T17:00:00+01:00'));
    // 16 h from Mon 09:00 with Tuesday a holiday: Mon 8 h + Wed 8 h → Wed 17:00.
    expect(after.resolution_due_at).toBe(utc('2025-03-05T17:00:00+01:00'));
    expect((await t.ticket(b.id)).response_breached).toBe(true); // sticky
    expect((await t.ticket(done.id)).resolution_due_at).toBe(done.resolution_due_at); // closed: untouched

    const runs = await t.ok<{ results: { status: string; total: number }[] }>(
      'GET',
      `${SLAS}${gold.id}/recompute/`,
    );
    expect(runs.results[0]).toMatchObject({ status: 'done', total: 2 });
    // Running it again (a retry) changes nothing more.
    await inWorkspace(db, t.ws.id, (tx) =>
      tx
        .updateTable('sla_recompute_runs')
        .set({ status: 'running' })
        .where('id', '=', edited.latest_recompute.id)
        .execute(),
    );
    expect(
      await runRecompute(deps, { workspaceId: t.ws.id, runId: edited.latest_recompute.id }),
    ).toMatchObject({
      status: 'done',
      total: 2,
      changed: 0,
    });
  });

  it('moves tickets to the new default when the default moves, and releases a deleted SLA’s tickets', async () => {
    const t = await setup();
    const first = await t.createSla({ name: 'First', is_default: true, first_response_hours: 2 });
    clock.set('2025-03-03T09:00:00+01:00');
    const ticket = await t.openTicket();
    expect(ticket.sla?.name).toBe('First');
    const second = await t.ok<{ id: number; latest_recompute: { id: number; scope: string } }>(
      'POST',
      SLAS,
      { name: 'Second', is_default: true, first_response_hours: 3, timezone: 'Europe/Berlin' },
      201,
    );
    expect(second.latest_recompute.scope).toBe('workspace');
    expect((await t.ok<{ is_default: boolean }>('GET', `${SLAS}${first.id}/`)).is_default).toBe(false);
    await runRecompute(deps, { workspaceId: t.ws.id, runId: second.latest_recompute.id });
    const moved = await t.ticket(ticket.id);
    expect(moved.sla?.name).toBe('Second');
    expect(moved.response_due_at).toBe(utc('2025-03-03T12:00:00+01:00'));

    await t.patchTicket(ticket.id, { sla: first.id });
    expect((await t.call('DELETE', `${SLAS}${first.id}/`)).statusCode).toBe(204);
    const run = await inWorkspace(db, t.ws.id, (tx) =>
      tx
        .selectFrom('sla_recompute_runs')
        .select('id')
        .where('workspace_id', '=', t.ws.id)
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow(),
    );
    await runRecompute(deps, { workspaceId: t.ws.id, runId: run.id });
    const released = await t.ticket(ticket.id);
    expect(released.sla?.name).toBe('Second');
    expect((await t.explain(ticket.id)).sla.pinned).toBe(false);
  });
});

describe('recompute after a category changes its SLA', () => {
  it('queues a workspace run whose job moves the category’s open tickets to the new SLA', async () => {
    const t = await setup();
    const gold = await t.createSla();
    const slow = await t.createSla({ name: 'Slow', first_response_hours: 16, resolution_hours: 40 });
    const billing = await t.createCategory({ name: 'Billing', sla: gold.id });
    clock.set('2025-03-03T09:00:00+01:00');
    const ticket = await t.openTicket({ category: 'billing', priority: 'low' });
    expect(ticket.response_due_at).toBe(utc('2025-03-03T13:00:00+01:00'));

    const unchanged = await t.ok<{ id: number }>('PATCH', `/api/support/admin/categories/${billing.id}/`, {
      description: 'no SLA change',
    });
    expect(unchanged.id).toBe(billing.id);
    await t.ok('PATCH', `/api/support/admin/categories/${billing.id}/`, { sla: slow.id });
    const runs = await asSystem(db, (tx) =>
      tx
        .selectFrom('sla_recompute_runs')
        .selectAll()
        .where('workspace_id', '=', t.ws.id)
        .orderBy('id')
        .execute(),
    );
    // Creating the two SLAs queued nothing for this category; the description edit queued nothing.
    const mine = runs.filter((r) => r.reason.includes('Billing'));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ scope: 'workspace', status: 'queued', sla_id: slow.id });

    await runRecompute(deps, { workspaceId: t.ws.id, runId: mine[0]?.id ?? 0 });
    const after = await t.ticket(ticket.id);
    expect(after.sla).toMatchObject({ id: slow.id });
    // 16 business hours from Mon 09:00 → Tue 17:00.
    expect(after.response_due_at).toBe(utc('2025-03-04T17:00:00+01:00'));
  });
});

describe('the recompute job', () => {
  it('does nothing for a run that does not exist', async () => {
    const ws = await buildWorkspace(db);
    expect(await runRecompute(deps, { workspaceId: ws.id, runId: 999999 })).toBeUndefined();
  });
});
