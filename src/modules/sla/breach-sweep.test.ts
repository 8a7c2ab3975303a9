import { describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/db.js';
import { buildUser, buildWorkspace } from '../../test/factories.js';
import { sweepSla } from './breach-sweep.js';
import { formatInZone } from './sweep-mail.js';
import { notifySlaJob, sweepSlaJob } from './sweep-job.js';
import {
  PUBLIC_URL,
  buildSla,
  buildTeam,
  era,
  reload,
  setSla,
  slaTicket,
  sweepKit,
  trail,
} from './sweep-test-kit.js';

const db = await testDatabase();
const { deps, deliver, handled, redeliver } = sweepKit(db);

/** A pass at `now`, and the notification jobs it queued. */
async function sweep(now: Date, options: { batchSize?: number } = {}) {
  const result = await sweepSla(deps, now, options);
  await deliver();
  return result;
}

describe('SLA breach sweep', () => {
  it('shows times in the workspace timezone', () => {
    expect(formatInZone(new Date('2025-01-06T16:00:00Z'), 'Europe/Berlin')).toBe(
      'Mon, 6 Jan 2025, 17:00 (Europe/Berlin)',
    );
    expect(formatInZone(new Date('2025-07-01T16:00:00Z'), 'Europe/Berlin')).toBe(
      'Tue, 1 Jul 2025, 18:00 (Europe/Berlin)',
    );
    expect(formatInZone(new Date('2025-07-01T16:00:00Z'), 'Not/AZone')).toBe('Tue, 1 Jul 2025, 16:00 (UTC)');
  });

  it('flags an overdue first response and resolution once, with a system message and an event each', async () => {
    const { at } = era();
    const ws = await buildWorkspace(db);
    const sla = await buildSla(db, ws, { name: 'Gold' });
    const ticket = await slaTicket(db, ws, {
      sla_id: sla.id,
      response_due_at: at(10),
      resolution_due_at: at(60),
    });

    const early = await sweep(at(9));
    expect(early.response_breaches + early.resolution_breaches).toBe(0);
    expect(await reload(db, ticket)).toMatchObject({ response_breached: false, resolution_breached: false });

    await sweep(at(10));
    expect(await reload(db, ticket)).toMatchObject({ response_breached: true, resolution_breached: false });
    await sweep(at(61));
    await sweep(at(62));
    expect(await reload(db, ticket)).toMatchObject({ response_breached: true, resolution_breached: true });

    const { messages, events } = await trail(db, ticket);
    expect(messages).toEqual([
      expect.objectContaining({
        workspace_id: ws.id,
        is_internal: true,
        message: `SLA breached: the first response was due ${formatInZone(at(10), 'Europe/Berlin')} (SLA "Gold").`,
      }),
      expect.objectContaining({
        message: expect.stringMatching(/^SLA breached: the resolution was due/) as unknown,
      }),
    ]);
    expect(events).toEqual([
      {
        workspace_id: ws.id,
        type: 'sla.breached',
        payload: {
          ticket_id: ticket.id,
          ticket_number: ticket.ticket_number,
          target: 'response',
          due_at: at(10).toISOString(),
          assigned_to: ticket.assigned_to_id,
          team_id: ticket.team_id,
          sla_id: sla.id,
          escalated_to_team_id: null,
        },
      },
      expect.objectContaining({
        type: 'sla.breached',
        payload: expect.objectContaining({ target: 'resolution' }) as unknown,
      }),
    ]);
  });

  it('leaves answered, paused and finished tickets alone', async () => {
    const { at } = era();
    const ws = await buildWorkspace(db);
    const due = { response_due_at: at(1), resolution_due_at: at(2) };
    const answered = await slaTicket(db, ws, { ...due, first_response_at: at(0) });
    const pending = await slaTicket(db, ws, { ...due, status: 'pending', sla_paused_at: at(0) });
    const onHold = await slaTicket(db, ws, { ...due, status: 'on_hold', sla_paused_at: at(0) });
    const pausedOpen = await slaTicket(db, ws, { ...due, first_response_at: at(0), sla_paused_at: at(0) });
    const resolved = await slaTicket(db, ws, { ...due, status: 'resolved' });
    const closed = await slaTicket(db, ws, { ...due, status: 'closed' });
    const cancelled = await slaTicket(db, ws, { ...due, status: 'cancelled' });
    const noSla = await slaTicket(db, ws, {});

    await sweep(at(100));
    // A paused ticket still owes its first response: only the resolution clock stops.
    expect(await reload(db, pending)).toMatchObject({ response_breached: true, resolution_breached: false });
    expect(await reload(db, onHold)).toMatchObject({ response_breached: true, resolution_breached: false });
    for (const t of [answered, pausedOpen]) {
      expect(await reload(db, t)).toMatchObject({ response_breached: false });
    }
    expect(await reload(db, answered)).toMatchObject({ resolution_breached: true });
    expect(await reload(db, pausedOpen)).toMatchObject({ resolution_breached: false });
    for (const t of [resolved, closed, cancelled, noSla]) {
      expect(await reload(db, t)).toMatchObject({ response_breached: false, resolution_breached: false });
      expect((await trail(db, t)).events).toEqual([]);
    }
    // Resumed: the clock cleared the pause and moved the due time on; the sweep then catches it.
    await setSla(db, pending, { status: 'open', sla_paused_at: null, resolution_due_at: at(200) });
    await sweep(at(150));
    expect(await reload(db, pending)).toMatchObject({ resolution_breached: false });
    await sweep(at(200));
    expect(await reload(db, pending)).toMatchObject({ resolution_breached: true });
  });

  it('warns once at the warning time, never after the breach or once the ticket is solved', async () => {
    const { at } = era();
    const ws = await buildWorkspace(db);
    const agent = await buildUser(db, ws, { name: 'Ann' });
    const sla = await buildSla(db, ws, { name: 'Gold' });
    const times = {
      sla_id: sla.id,
      assigned_to_id: agent.id,
      response_warning_at: at(8),
      response_due_at: at(10),
      resolution_warning_at: at(80),
      resolution_due_at: at(100),
    };
    const ticket = await slaTicket(db, ws, times);
    const solved = await slaTicket(db, ws, { ...times, status: 'resolved', first_response_at: at(1) });

    await sweep(at(7));
    expect((await trail(db, ticket)).events).toEqual([]);
    await sweep(at(8));
    await sweep(at(9));
    const first = await trail(db, ticket);
    expect(first.events).toEqual([
      {
        workspace_id: ws.id,
        type: 'sla.warning',
        payload: {
          ticket_id: ticket.id,
          ticket_number: ticket.ticket_number,
          target: 'response',
          due_at: at(10).toISOString(),
          warning_at: at(8).toISOString(),
          assigned_to: ticket.assigned_to_id,
          team_id: ticket.team_id,
          sla_id: sla.id,
        },
      },
    ]);
    expect(first.mails).toEqual([
      expect.objectContaining({
        workspace_id: ws.id,
        to_address: agent.email,
        subject: `[${ticket.ticket_number}] SLA warning: first response due ${formatInZone(at(10), 'Europe/Berlin')}`,
        text_body: expect.stringContaining(
          `https://help.example.test/app/tickets/${ticket.ticket_number}`,
        ) as unknown,
      }),
    ]);
    expect(await reload(db, ticket)).toMatchObject({ response_warned: true, response_breached: false });

    // Answered before the resolution warning time: that warning still comes, once; the breach does not.
    await setSla(db, ticket, { first_response_at: at(9) });
    await sweep(at(90));
    await sweep(at(91));
    await setSla(db, ticket, { status: 'resolved' });
    const late = await slaTicket(db, ws, times); // first swept after all its times: breaches, no warnings
    await sweep(at(500));
    const all = await trail(db, ticket);
    expect(all.events.map((e) => [e.type, (e.payload as { target: string }).target])).toEqual([
      ['sla.warning', 'response'],
      ['sla.warning', 'resolution'],
    ]);
    expect(all.mails).toHaveLength(2);

    expect((await trail(db, solved)).events).toEqual([]);
    const missed = await trail(db, late);
    expect(missed.events.map((e) => e.type)).toEqual(['sla.breached', 'sla.breached']);
    expect(missed.mails).toEqual([]);
  });

  it('warns the team without an assignee, and the admins without a team', async () => {
    const { at } = era();
    const ws = await buildWorkspace(db);
    const admin = await buildUser(db, ws, { role: 'admin' });
    const inactiveAdmin = await buildUser(db, ws, { role: 'admin' });
    await db.raw.query('UPDATE users SET is_active = false WHERE id = $1', [inactiveAdmin.id]);
    const ann = await buildUser(db, ws);
    const bob = await buildUser(db, ws);
    const team = await buildTeam(db, ws, { members: [ann.id, bob.id] });
    const shared = await buildTeam(db, ws, { email: 'tier2@shop.test', members: [ann.id] });
    const warn = { response_warning_at: at(1), response_due_at: at(5) };
    const forTeam = await slaTicket(db, ws, { ...warn, team_id: team.id });
    const forShared = await slaTicket(db, ws, { ...warn, team_id: shared.id });
    const forAdmins = await slaTicket(db, ws, warn);

    await sweep(at(2));
    expect((await trail(db, forTeam)).mails.map((m) => m.to_address)).toEqual([ann.email, bob.email]);
    expect((await trail(db, forShared)).mails.map((m) => m.to_address)).toEqual(['tier2@shop.test']);
    expect((await trail(db, forAdmins)).mails.map((m) => m.to_address)).toEqual([admin.email]);
  });

  it('queues each notification once, also when its event is handed over again, and none for a settled warning', async () => {
    const { at } = era();
    const ws = await buildWorkspace(db);
    const admin = await buildUser(db, ws, { role: 'admin' });
    const warn = { response_warning_at: at(1), response_due_at: at(5) };
    const ticket = await slaTicket(db, ws, warn);
    const answered = await slaTicket(db, ws, warn);

    await sweepSla(deps, at(2));
    await setSla(db, answered, { first_response_at: at(3) });
    await deliver();
    const ours = handled.filter((e) => e.workspaceId === ws.id);
    expect(ours.map((e) => e.type)).toEqual(['sla.warning', 'sla.warning']);
    await redeliver(ours); // the dispatcher hands them again after a crash before moving its cursor
    // An sla.notify job an earlier version queued for the same events queues nothing more either.
    const notify = notifySlaJob({ db, jobs: deps.jobs, publicUrl: PUBLIC_URL });
    await notify.handler({ workspaceId: ws.id, eventIds: ours.map((e) => e.id) });
    const { mails } = await trail(db, ticket);
    expect(mails.map((m) => m.to_address)).toEqual([admin.email]);
    expect((await trail(db, answered)).mails).toEqual([]);
    expect((await trail(db, answered)).events.map((e) => e.type)).toEqual(['sla.warning']);
  });

  it('writes each ticket’s side effects in its own workspace', async () => {
    const { at } = era();
    const [a, b] = [await buildWorkspace(db), await buildWorkspace(db)];
    const adminA = await buildUser(db, a, { role: 'admin' });
    const adminB = await buildUser(db, b, { role: 'admin' });
    const times = { response_warning_at: at(1), response_due_at: at(2), resolution_due_at: at(3) };
    const ta = await slaTicket(db, a, times);
    const tb = await slaTicket(db, b, times);

    await sweep(at(1));
    await sweep(at(5));
    for (const [ticket, ws, admin] of [
      [ta, a, adminA],
      [tb, b, adminB],
    ] as const) {
      const { messages, events, mails } = await trail(db, ticket);
      expect(messages).toHaveLength(2);
      expect(events.map((e) => e.type)).toEqual(['sla.warning', 'sla.breached', 'sla.breached']);
      expect(mails.map((m) => m.to_address)).toEqual([admin.email]);
      for (const row of [...messages, ...events, ...mails]) expect(row.workspace_id).toBe(ws.id);
    }
  });

  it('works through a backlog in small batches', async () => {
    const { at } = era();
    const ws = await buildWorkspace(db);
    const tickets = [];
    for (let i = 0; i < 7; i++) tickets.push(await slaTicket(db, ws, { response_due_at: at(i) }));
    const result = await sweep(at(10), { batchSize: 2 });
    expect(result.response_breaches).toBe(7);
    for (const t of tickets) expect((await trail(db, t)).events).toHaveLength(1);
  });

  it('keeps a workspace whose batch fails for the next pass, and handles the others', async () => {
    const { at } = era();
    const [good, bad] = [await buildWorkspace(db), await buildWorkspace(db)];
    await buildUser(db, good, { role: 'admin' });
    await buildUser(db, bad, { role: 'admin' });
    const times = { response_warning_at: at(1), response_due_at: at(9) };
    const ok = await slaTicket(db, good, times);
    const failing = await slaTicket(db, bad, times);
    // The bad workspace's batch fails where it writes its events (the mails follow from those events).
    const fail = `sla_test_fail_events_${bad.id}`;
    await db.raw.query(
      `CREATE FUNCTION ${fail}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
         IF NEW.workspace_id = ${bad.id} THEN RAISE EXCEPTION 'event log down'; END IF; RETURN NEW; END $$`,
    );
    await db.raw.query(
      `CREATE TRIGGER ${fail} BEFORE INSERT ON domain_events FOR EACH ROW EXECUTE FUNCTION ${fail}()`,
    );
    let result;
    try {
      result = await sweepSla(deps, at(2));
    } finally {
      await db.raw.query(`DROP TRIGGER ${fail} ON domain_events`);
      await db.raw.query(`DROP FUNCTION ${fail}()`);
    }
    await deliver();
    expect(result).toMatchObject({ response_warnings: 1, failed: 1 });
    expect(await reload(db, ok)).toMatchObject({ response_warned: true });
    // Rolled back whole: no flag without its event and mail.
    expect(await reload(db, failing)).toMatchObject({ response_warned: false });
    expect(await trail(db, failing)).toMatchObject({ events: [], mails: [] });

    await sweep(at(3));
    expect(await reload(db, failing)).toMatchObject({ response_warned: true });
    expect((await trail(db, failing)).mails).toHaveLength(1);
  });

  it('records every breach and warning exactly once when two sweeps run at the same time', async () => {
    const { at } = era();
    const [a, b] = [await buildWorkspace(db), await buildWorkspace(db)];
    await buildUser(db, a, { role: 'admin' });
    await buildUser(db, b, { role: 'admin' });
    const tickets = [];
    for (let i = 0; i < 12; i++) {
      tickets.push(
        await slaTicket(db, i % 2 ? a : b, {
          response_warning_at: at(i),
          response_due_at: at(20 + i),
          resolution_warning_at: at(30 + i),
          resolution_due_at: at(60 + i),
        }),
      );
    }
    const runTwice = (now: Date) =>
      Promise.all([sweepSla(deps, now, { batchSize: 3 }), sweepSla(deps, now, { batchSize: 5 })]);
    const counts = {
      response_warnings: 0,
      response_breaches: 0,
      resolution_warnings: 0,
      resolution_breaches: 0,
    };
    for (const now of [at(15), at(50), at(100)]) {
      for (const r of await runTwice(now)) {
        expect(r.failed).toBe(0);
        for (const k of Object.keys(counts) as (keyof typeof counts)[]) counts[k] += r[k];
      }
      await deliver();
    }
    expect(counts).toEqual({
      response_warnings: 12,
      response_breaches: 12,
      resolution_warnings: 12,
      resolution_breaches: 12,
    });
    for (const t of tickets) {
      const { messages, events, mails } = await trail(db, t);
      expect(events.map((e) => `${e.type} ${(e.payload as { target: string }).target}`).sort()).toEqual([
        'sla.breached resolution',
        'sla.breached response',
        'sla.warning resolution',
        'sla.warning response',
      ]);
      expect(messages).toHaveLength(2);
      expect(mails).toHaveLength(2);
    }
  });

  it('runs as the sla.sweep job at the time of each run', async () => {
    const { at } = era();
    const ws = await buildWorkspace(db);
    const ticket = await slaTicket(db, ws, { response_due_at: at(5) });
    let now = at(4);
    const job = sweepSlaJob({ ...deps, now: () => now, intervalMinutes: 1 });
    await job.handler({});
    expect(await reload(db, ticket)).toMatchObject({ response_breached: false });
    now = at(6);
    await job.handler({});
    expect(await reload(db, ticket)).toMatchObject({ response_breached: true });
    expect((await trail(db, ticket)).events).toHaveLength(1);
  });
});
