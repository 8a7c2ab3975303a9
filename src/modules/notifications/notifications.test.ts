import { describe, expect, it } from 'vitest';
import type { Workspace } from '../../db/schema.js';
import { asSystem, inWorkspace } from '../../db/tenant.js';
import { recordEvent } from '../../platform/events.js';
import { wantsEvent } from '../../platform/events/subscriber.js';
import { asBearer, testApp } from '../../test/app.js';
import {
  buildAdmin,
  buildCustomer,
  buildToken,
  buildUser,
  buildWorkspace,
  customerSession,
  unique,
} from '../../test/factories.js';
import { lastEventId, storedEvents } from '../../test/stored-events.js';
import { notificationSubscriber } from './subscriber.js';

const { app, db, deps } = await testApp();
const BASE = '/api/support/notifications/';
const subscriber = notificationSubscriber({ db, jobs: deps.jobs, publicUrl: 'https://help.example.test' });

interface NotificationView {
  id: number;
  kind: string;
  title: string;
  ticket_id: number;
  is_read: boolean;
}

async function staff(ws: Workspace, handle: string, role: 'admin' | 'agent' = 'agent') {
  const user = await buildUser(db, ws, { role, email: `${handle}@${unique()}.example.test`, name: handle });
  return { ...user, token: await buildToken(db, ws, user.id) };
}

async function setup() {
  const ws = await buildWorkspace(db);
  const admin = await buildAdmin(db, ws);
  const dana = await staff(ws, 'dana.k');
  const sam = await staff(ws, 'sam');
  const customer = await buildCustomer(db, ws, { email: `casey@${unique()}.example.test` });
  const as = (token: string, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object) =>
    app.inject(asBearer(token, { method, url, ...(payload ? { payload } : {}) }));
  const created = await as(admin.token, 'POST', '/api/support/tickets/', {
    subject: 'Broken lamp',
    description: 'It arrived broken',
    customer: customer.email,
  });
  expect(created.statusCode, created.body).toBe(201);
  const ticket = created.json<{ id: number; ticket_number: string }>();
  const customerHeaders = await customerSession(db, ws, customer.id);
  const customerReply = (message: string) =>
    app.inject({
      method: 'POST',
      url: `/api/support/tickets/${ticket.id}/reply/`,
      headers: customerHeaders,
      payload: { message },
    });
  let mark = await lastEventId(db, ws.id);
  /** Hands the events recorded since the last call to the subscriber (twice: at least once). */
  const dispatch = async () => {
    const events = await storedEvents(db, ws.id, { afterId: mark });
    mark = events.at(-1)?.id ?? mark;
    for (const e of events) if (wantsEvent(subscriber, e.type)) await subscriber.handle(e);
    for (const e of events) if (wantsEvent(subscriber, e.type)) await subscriber.handle(e);
    return events;
  };
  const inbox = async (token: string, query = '') => {
    const res = await as(token, 'GET', `${BASE}${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ results: NotificationView[]; next_cursor: string | null }>();
  };
  const mails = (to: string) =>
    asSystem(db, (tx) =>
      tx
        .selectFrom('outbound_emails')
        .select(['subject', 'text_body'])
        .where('to_address', '=', to)
        .orderBy('id')
        .execute(),
    );
  return {
    ws,
    admin,
    dana,
    sam,
    customer,
    ticket,
    as,
    customerReply,
    dispatch,
    inbox,
    mails,
    customerHeaders,
  };
}

describe('agent notifications', () => {
  it('tells the assignee (in the app and by mail, once), never the actor who assigned', async () => {
    const t = await setup();
    const res = await t.as(t.admin.token, 'POST', `/api/support/admin/tickets/${t.ticket.id}/assign/`, {
      assigned_to: t.dana.id,
    });
    expect(res.statusCode, res.body).toBe(200);
    await t.dispatch();
    const inbox = await t.inbox(t.dana.token);
    expect(inbox.results).toMatchObject([
      {
        kind: 'assigned',
        ticket_id: t.ticket.id,
        is_read: false,
        title: `Assigned to you: ${t.ticket.ticket_number} Broken lamp`,
      },
    ]);
    const mails = await t.mails(t.dana.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toBe(
      `[${t.ticket.ticket_number}] Assigned to you: ${t.ticket.ticket_number} Broken lamp`,
    );
    expect(mails[0]?.text_body).toContain(`https://help.example.test/app/tickets/${t.ticket.ticket_number}`);
    expect((await t.inbox(t.admin.token)).results).toEqual([]);

    // The stream's event: notification.created for that user only, once.
    const stream = await storedEvents(db, t.ws.id, { types: ['notification.created'] });
    expect(stream.map((e) => e.payload)).toEqual([
      { user_id: t.dana.id, notification_id: inbox.results[0]?.id, kind: 'assigned', ticket_id: t.ticket.id },
    ]);

    // Dana assigns it to herself again after Sam: she hears nothing of her own change.
    for (const [token, to] of [
      [t.admin.token, t.sam.id],
      [t.dana.token, t.dana.id],
    ] as const) {
      const moved = await t.as(token, 'POST', `/api/support/admin/tickets/${t.ticket.id}/assign/`, {
        assigned_to: to,
      });
      expect(moved.statusCode, moved.body).toBe(200);
    }
    await t.dispatch();
    expect((await t.inbox(t.dana.token)).results).toHaveLength(1);
    expect((await t.inbox(t.sam.token)).results.map((n) => n.kind)).toEqual(['assigned']);
  });

  it('tells a team’s members of a ticket waiting in their queue, except the one who routed it', async () => {
    const t = await setup();
    const team = await inWorkspace(db, t.ws.id, async (tx) => {
      const row = await tx
        .insertInto('support_teams')
        .values({ workspace_id: t.ws.id, name: 'Returns', assignment_mode: 'manual' })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('support_team_members')
        .values([t.dana.id, t.sam.id].map((user_id) => ({ workspace_id: t.ws.id, team_id: row.id, user_id })))
        .execute();
      return row;
    });
    const res = await t.as(t.sam.token, 'POST', `/api/support/admin/tickets/${t.ticket.id}/route/`, {
      team: team.id,
    });
    expect(res.statusCode, res.body).toBe(200);
    await t.dispatch();
    expect((await t.inbox(t.dana.token)).results).toMatchObject([
      { kind: 'team_ticket', title: `New in Returns: ${t.ticket.ticket_number} Broken lamp` },
    ]);
    expect((await t.inbox(t.sam.token)).results).toEqual([]);
    expect(await t.mails(t.dana.email)).toEqual([]); // team_ticket is in-app only by default
  });

  it('tells the assignee when the customer replies, not when a colleague does', async () => {
    const t = await setup();
    await t.as(t.admin.token, 'POST', `/api/support/admin/tickets/${t.ticket.id}/assign/`, {
      assigned_to: t.dana.id,
    });
    await t.dispatch();
    expect((await t.customerReply('Any news?')).statusCode).toBe(201);
    await t.as(t.sam.token, 'POST', `/api/support/tickets/${t.ticket.id}/reply/`, {
      message: 'Looking into it',
    });
    await t.dispatch();
    expect((await t.inbox(t.dana.token)).results.map((n) => n.kind)).toEqual(['customer_reply', 'assigned']);
    expect((await t.mails(t.dana.email)).map((m) => m.subject)).toEqual([
      expect.stringContaining('Assigned to you'),
      expect.stringContaining('The customer replied'),
    ]);
  });

  it('tells members @mentioned in an internal note; customers and the author are never notified', async () => {
    const t = await setup();
    const handle = t.customer.email.split('@')[0];
    const note = await t.as(t.sam.token, 'POST', `/api/support/tickets/${t.ticket.id}/reply/`, {
      message: `@dana.k can you check? @sam @${handle}`,
      is_internal: true,
    });
    expect(note.statusCode, note.body).toBe(201);
    // A public reply mentioning Dana is not a note: no mention.
    await t.as(t.sam.token, 'POST', `/api/support/tickets/${t.ticket.id}/reply/`, {
      message: 'Thanks @dana.k',
    });
    await t.dispatch();
    expect((await t.inbox(t.dana.token)).results).toMatchObject([{ kind: 'mention' }]);
    expect((await t.inbox(t.sam.token)).results).toEqual([]);
    expect(await t.mails(t.customer.email)).toEqual([]);
    expect(await t.mails(t.dana.email)).toHaveLength(1);
    const all = await inWorkspace(db, t.ws.id, (tx) =>
      tx.selectFrom('notifications').select('user_id').execute(),
    );
    expect(all.map((n) => n.user_id)).toEqual([t.dana.id]);
  });

  it('decides the same for a batch of events, whose tickets and messages are read at once', async () => {
    const t = await setup();
    await t.as(t.admin.token, 'POST', `/api/support/admin/tickets/${t.ticket.id}/assign/`, {
      assigned_to: t.dana.id,
    });
    expect((await t.customerReply('Any news?')).statusCode).toBe(201);
    await t.as(t.sam.token, 'POST', `/api/support/tickets/${t.ticket.id}/reply/`, {
      message: 'Looking into it, @dana.k',
    });
    await t.as(t.sam.token, 'POST', `/api/support/tickets/${t.ticket.id}/reply/`, {
      message: '@dana.k see the photo',
      is_internal: true,
    });
    const events = (await storedEvents(db, t.ws.id)).filter((e) => wantsEvent(subscriber, e.type));
    expect(events.length).toBeGreaterThanOrEqual(4);
    // Twice: at least once delivery notifies nobody twice.
    await subscriber.handleBatch?.(events);
    await subscriber.handleBatch?.(events);
    expect((await t.inbox(t.dana.token)).results.map((n) => n.kind)).toEqual([
      'mention',
      'customer_reply',
      'assigned',
    ]);
    expect((await t.inbox(t.sam.token)).results).toEqual([]);
  });

  it('tells the assignee of SLA warnings and breaches, following their preferences', async () => {
    const t = await setup();
    await t.as(t.admin.token, 'POST', `/api/support/admin/tickets/${t.ticket.id}/assign/`, {
      assigned_to: t.dana.id,
    });
    const prefs = await t.as(t.dana.token, 'PATCH', `${BASE}preferences/`, {
      sla_warning: { email: true },
      sla_breach: { in_app: false },
      assigned: { in_app: false, email: false },
    });
    expect(prefs.statusCode, prefs.body).toBe(200);
    expect(prefs.json()).toMatchObject({
      sla_warning: { in_app: true, email: true },
      sla_breach: { in_app: false, email: true },
      assigned: { in_app: false, email: false },
      mention: { in_app: true, email: true },
    });
    // As the SLA sweep records them (no actor).
    await inWorkspace(db, t.ws.id, async (tx) => {
      const sla = {
        ticket_id: t.ticket.id,
        ticket_number: t.ticket.ticket_number,
        target: 'response' as const,
        due_at: new Date().toISOString(),
        assigned_to: t.dana.id,
        team_id: null,
        sla_id: null,
      };
      const on = { workspaceId: t.ws.id, subjectType: 'ticket' as const, subjectId: t.ticket.id };
      await recordEvent(tx, {
        ...on,
        type: 'sla.warning',
        payload: { ...sla, warning_at: new Date().toISOString() },
      });
      await recordEvent(tx, { ...on, type: 'sla.breached', payload: { ...sla, escalated_to_team_id: null } });
    });
    await t.dispatch();
    expect((await t.inbox(t.dana.token)).results).toMatchObject([
      { kind: 'sla_warning', title: `SLA response due soon: ${t.ticket.ticket_number} Broken lamp` },
    ]);
    expect((await t.mails(t.dana.email)).map((m) => m.subject)).toEqual([
      expect.stringContaining('SLA response due soon'),
      expect.stringContaining('SLA response breached'),
    ]);
    const count = await t.as(t.dana.token, 'GET', `${BASE}unread-count/`);
    expect(count.json()).toEqual({ unread: 1 });
  });

  it('lists with a cursor and an unread filter, marks read, and keeps others’ notifications 404', async () => {
    const t = await setup();
    for (const user of [t.dana.id, t.sam.id, t.dana.id]) {
      await t.as(t.admin.token, 'POST', `/api/support/admin/tickets/${t.ticket.id}/assign/`, {
        assigned_to: user,
      });
    }
    await t.dispatch();
    const page1 = await t.inbox(t.dana.token, '?limit=1');
    expect(page1.results).toHaveLength(1);
    const page2 = await t.inbox(t.dana.token, `?limit=1&cursor=${page1.next_cursor}`);
    expect(page2).toMatchObject({ results: [{ kind: 'assigned' }], next_cursor: null });
    const [newest, oldest] = [page1.results[0], page2.results[0]];
    expect(newest!.id).toBeGreaterThan(oldest!.id);

    const read = await t.as(t.dana.token, 'POST', `${BASE}${oldest!.id}/read/`);
    expect(read.json()).toMatchObject({ id: oldest!.id, is_read: true });
    expect((await t.inbox(t.dana.token, '?unread=true')).results.map((n) => n.id)).toEqual([newest!.id]);
    expect((await t.as(t.sam.token, 'POST', `${BASE}${newest!.id}/read/`)).statusCode).toBe(404);

    const other = await buildWorkspace(db);
    const outsider = await buildAdmin(db, other);
    expect((await t.as(outsider.token, 'POST', `${BASE}${newest!.id}/read/`)).statusCode).toBe(404);
    expect((await t.inbox(outsider.token)).results).toEqual([]);

    const all = await t.as(t.dana.token, 'POST', `${BASE}read-all/`);
    expect(all.json()).toEqual({ updated: 1 });
    expect((await t.as(t.dana.token, 'GET', `${BASE}unread-count/`)).json()).toEqual({ unread: 0 });
  });

  it('is for staff: a customer gets 403 from every endpoint', async () => {
    const t = await setup();
    for (const [method, url] of [
      ['GET', BASE],
      ['GET', `${BASE}unread-count/`],
      ['POST', `${BASE}1/read/`],
      ['POST', `${BASE}read-all/`],
      ['GET', `${BASE}preferences/`],
      ['PATCH', `${BASE}preferences/`],
    ] as const) {
      const res = await app.inject({
        method,
        url,
        headers: t.customerHeaders,
        ...(method === 'PATCH' ? { payload: { mention: { email: false } } } : {}),
      });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
    }
    expect((await app.inject({ method: 'GET', url: BASE })).statusCode).toBe(401);
  });
});
