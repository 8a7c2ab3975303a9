import { describe, expect, it } from 'vitest';
import { inWorkspace } from '../../db/tenant.js';
import { asBearer, testApp } from '../../test/app.js';
import {
  buildAdmin,
  buildCustomer,
  buildTicket,
  buildUser,
  buildWorkspace,
  customerSession,
} from '../../test/factories.js';
import { assignmentAction } from './assign-ticket.js';

const { app, db } = await testApp();

async function setup() {
  const ws = await buildWorkspace(db);
  const admin = await buildAdmin(db, ws);
  const ann = await buildUser(db, ws, { name: 'Ann' });
  const bob = await buildUser(db, ws, { name: 'Bob' });
  const ticket = await buildTicket(db, ws, { status: 'open' });
  const team = await inWorkspace(db, ws.id, async (tx) => {
    const t = await tx
      .insertInto('support_teams')
      .values({ workspace_id: ws.id, name: 'Escalations' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('support_team_members')
      .values({ workspace_id: ws.id, team_id: t.id, user_id: bob.id })
      .execute();
    return t;
  });
  const assign = (payload: object, ref: string | number = ticket.id) =>
    app.inject(
      asBearer(admin.token, { method: 'POST', url: `/api/support/admin/tickets/${ref}/assign/`, payload }),
    );
  const log = () =>
    inWorkspace(db, ws.id, (tx) =>
      tx
        .selectFrom('ticket_assignments')
        .selectAll()
        .where('ticket_id', '=', ticket.id)
        .orderBy('id')
        .execute(),
    );
  return { ws, admin, ann, bob, ticket, team, assign, log };
}

describe('assignment', () => {
  it('names the action from the change', () => {
    expect(assignmentAction(null, 5, false)).toBe('assigned');
    expect(assignmentAction(4, 5, false)).toBe('reassigned');
    expect(assignmentAction(4, null, false)).toBe('unassigned');
    expect(assignmentAction(4, 5, true)).toBe('escalated');
  });

  it('assigns, reassigns, escalates to a team and unassigns, logging each with a reason', async () => {
    const { ann, bob, team, assign, log, ws, ticket } = await setup();
    const a = await assign({ assigned_to: ann.id, reason: 'her area' });
    expect(a.statusCode).toBe(200);
    expect(a.json()).toMatchObject({ assigned_to: { id: ann.id, name: 'Ann' } });
    expect((await assign({ assigned_to: bob.id })).statusCode).toBe(200);
    const esc = await assign({
      team: team.id,
      assigned_to: bob.id,
      escalate: true,
      reason: 'angry customer',
    });
    expect(esc.json()).toMatchObject({ team: { id: team.id, name: 'Escalations' } });
    expect((await assign({ assigned_to: null })).json()).toMatchObject({ assigned_to: null });
    const rows = await log();
    expect(rows.map((r) => r.action)).toEqual(['assigned', 'reassigned', 'escalated', 'unassigned']);
    expect(rows[0]).toMatchObject({ to_user_id: ann.id, reason: 'her area' });
    expect(rows[2]).toMatchObject({ to_team_id: team.id, reason: 'angry customer' });
    const system = await inWorkspace(db, ws.id, (tx) =>
      tx
        .selectFrom('support_ticket_messages')
        .select('message')
        .where('ticket_id', '=', ticket.id)
        .where('message_type', '=', 'system')
        .orderBy('id')
        .execute(),
    );
    expect(system.map((m) => m.message)).toEqual([
      'Ticket assigned to Ann by Test Admin — her area',
      'Ticket assigned to Bob by Test Admin',
      'Escalated moved to team Escalations by Test Admin — angry customer',
      'Ticket unassigned by Test Admin',
    ]);
    const history = await inWorkspace(db, ws.id, (tx) =>
      tx
        .selectFrom('ticket_history')
        .select(['field', 'old_value', 'new_value'])
        .where('ticket_id', '=', ticket.id)
        .orderBy('id')
        .execute(),
    );
    expect(history[0]).toEqual({ field: 'assigned_to', old_value: null, new_value: String(ann.id) });
  });

  it('writes nothing when nothing changes', async () => {
    const { ann, assign, log } = await setup();
    await assign({ assigned_to: ann.id });
    await assign({ assigned_to: ann.id });
    expect(await log()).toHaveLength(1);
  });

  it('refuses someone outside the workspace or outside the named team', async () => {
    const { ann, team, assign } = await setup();
    const other = await buildWorkspace(db);
    const stranger = await buildUser(db, other);
    const outside = await assign({ assigned_to: stranger.id });
    expect(outside.statusCode).toBe(400);
    expect(outside.json()).toMatchObject({ errors: [{ path: 'assigned_to' }] });
    expect((await assign({ assigned_to: ann.id, team: team.id })).statusCode).toBe(400);
    expect((await assign({ team: 999999 })).statusCode).toBe(400);
  });

  it('refuses another workspace’s team with 400, changing and logging nothing', async () => {
    const a = await setup();
    const b = await setup();
    const theirs = await inWorkspace(db, b.ws.id, async (tx) => {
      const t = await tx
        .insertInto('support_teams')
        .values({ workspace_id: b.ws.id, name: 'Secret desk' })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('support_team_members')
        .values({ workspace_id: b.ws.id, team_id: t.id, user_id: b.bob.id })
        .execute();
      return t;
    });
    for (const payload of [
      { team: theirs.id },
      { team: b.team.id, escalate: true },
      { team: theirs.id, assigned_to: a.ann.id },
      { team: theirs.id, assigned_to: b.bob.id },
    ]) {
      const res = await a.assign(payload);
      const what = JSON.stringify(payload);
      expect(res.statusCode, what).toBe(400);
      expect(res.json(), what).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(res.body, what).not.toContain('Secret desk');
    }
    expect((await a.assign({ team: theirs.id })).json()).toMatchObject({ errors: [{ path: 'team' }] });
    expect(await a.log()).toEqual([]);
    const ticket = await inWorkspace(db, a.ws.id, (tx) =>
      tx
        .selectFrom('support_tickets')
        .select(['team_id', 'assigned_to_id'])
        .where('id', '=', a.ticket.id)
        .executeTakeFirstOrThrow(),
    );
    expect(ticket).toEqual({ team_id: null, assigned_to_id: null });
  });

  it('answers another workspace’s ticket with 404 and keeps customers out', async () => {
    const a = await setup();
    const b = await setup();
    expect((await a.assign({ assigned_to: a.ann.id }, b.ticket.ticket_number)).statusCode).toBe(404);
    const customer = await buildCustomer(db, a.ws);
    const res = await app.inject({
      method: 'POST',
      url: `/api/support/admin/tickets/${a.ticket.id}/assign/`,
      headers: await customerSession(db, a.ws, customer.id),
      payload: { assigned_to: a.ann.id },
    });
    expect(res.statusCode).toBe(403);
    const foreignLog = await app.inject(
      asBearer(a.admin.token, {
        method: 'GET',
        url: `/api/support/admin/tickets/${b.ticket.id}/assignments/`,
      }),
    );
    expect(foreignLog.statusCode).toBe(404);
  });
});
