import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
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
import { storedEvents } from '../../test/stored-events.js';
import { ticketHooks } from '../../ticket-hooks.js';
import { mergeTicket } from './merge-ticket.js';

const { app, db } = await testApp();

async function setup() {
  const ws = await buildWorkspace(db);
  const admin = await buildAdmin(db, ws);
  const agent = await buildUser(db, ws);
  const agentToken = await buildToken(db, ws, agent.id);
  const customer = await buildCustomer(db, ws);
  const session = await customerSession(db, ws, customer.id);
  const as = (token: string, method: 'GET' | 'POST', url: string, payload?: object) =>
    app.inject(asBearer(token, { method, url, ...(payload ? { payload } : {}) }));
  return { ws, admin, agent, agentToken, customer, session, as };
}

const olderBy = (ws: Workspace, id: number, hours: number) =>
  asSystem(db, (tx) =>
    sql`UPDATE support_tickets SET created_at = now() - make_interval(hours => ${hours})
        WHERE workspace_id = ${ws.id} AND id = ${id}`.execute(tx),
  );

const messagesOf = (ws: Workspace, ticketId: number) =>
  asSystem(db, (tx) =>
    tx
      .selectFrom('support_ticket_messages')
      .select(['message', 'message_type'])
      .where('workspace_id', '=', ws.id)
      .where('ticket_id', '=', ticketId)
      .orderBy('id')
      .execute(),
  );

describe('possible duplicates', () => {
  it('flags an earlier similar ticket of the same customer or order within the window, for staff only', async () => {
    const { ws, admin, agentToken, customer, session, as } = await setup();
    const first = await buildTicket(db, ws, {
      customerId: customer.id,
      subject: 'Parcel never arrived',
      description: 'My order 4711 has not arrived yet.',
    });
    await olderBy(ws, first.id, 5);
    const unrelated = await buildTicket(db, ws, {
      customerId: customer.id,
      subject: 'Invoice address wrong',
      description: 'Please change the billing street on the invoice.',
    });
    await olderBy(ws, unrelated.id, 4);
    const otherCustomer = await buildTicket(db, ws, { subject: 'Parcel never arrived' });
    await olderBy(ws, otherCustomer.id, 3);
    const stranger = await buildCustomer(db, ws);
    const sameOrder = await buildTicket(db, ws, {
      customerId: stranger.id,
      subject: 'Delivery of 4711 missing',
    });
    await asSystem(db, (tx) =>
      tx
        .updateTable('support_tickets')
        .set({ order_ref: '4711' })
        .where('id', 'in', [sameOrder.id])
        .execute(),
    );
    await olderBy(ws, sameOrder.id, 2);
    const second = await buildTicket(db, ws, {
      customerId: customer.id,
      subject: 'parcel has not arrived',
      description: 'Where is my order 4711? It never arrived.',
    });
    await asSystem(db, (tx) =>
      tx.updateTable('support_tickets').set({ order_ref: '4711' }).where('id', '=', second.id).execute(),
    );

    const url = `/api/support/tickets/${second.ticket_number}/duplicates/`;
    const res = await as(agentToken, 'GET', url);
    expect(res.statusCode, res.body).toBe(200);
    const found = res.json<{ results: { ticket_number: string; reasons: string[]; similarity: number }[] }>();
    expect(found.results.map((r) => r.ticket_number).sort()).toEqual(
      [first.ticket_number, sameOrder.ticket_number].sort(),
    );
    expect(found.results.find((r) => r.ticket_number === first.ticket_number)!.reasons).toEqual([
      'same_customer',
    ]);
    expect(found.results.find((r) => r.ticket_number === sameOrder.ticket_number)!.reasons).toEqual([
      'same_order',
    ]);

    // The window is a workspace setting: outside it, nothing is flagged.
    const patch = await app.inject(
      asBearer(admin.token, {
        method: 'PATCH',
        url: '/api/support/admin/workspace/',
        payload: { duplicate_window_hours: 1 },
      }),
    );
    expect(patch.statusCode, patch.body).toBe(200);
    expect(patch.json()).toMatchObject({ duplicate_window_hours: 1 });
    expect((await as(agentToken, 'GET', url)).json()).toEqual({ results: [] });
    const badWindow = await app.inject(
      asBearer(admin.token, {
        method: 'PATCH',
        url: '/api/support/admin/workspace/',
        payload: { duplicate_window_hours: -1 },
      }),
    );
    expect(badWindow.statusCode).toBe(400);

    // Customers are refused; another workspace's staff get a 404.
    const asCustomer = await app.inject({ method: 'GET', url, headers: session });
    expect(asCustomer.statusCode).toBe(403);
    const other = await buildWorkspace(db);
    const otherAdmin = await buildAdmin(db, other);
    const foreign = await as(otherAdmin.token, 'GET', `/api/support/tickets/${second.id}/duplicates/`);
    expect(foreign.statusCode).toBe(404);
  });
});

describe('merging tickets', () => {
  it('moves messages and attachments, closes the duplicate, and keeps its number resolving to the target', async () => {
    const { ws, agentToken, customer, session, as } = await setup();
    const target = await buildTicket(db, ws, { customerId: customer.id, subject: 'Parcel never arrived' });
    const duplicate = await buildTicket(db, ws, {
      customerId: customer.id,
      subject: 'Parcel still missing',
      description: 'My parcel is a week late.',
    });
    // A file sent with the ticket itself (no message): it goes with the description.
    await asSystem(db, (tx) =>
      tx
        .insertInto('ticket_attachments')
        .values({
          workspace_id: ws.id,
          ticket_id: duplicate.id,
          message_id: null,
          file: 'sha256-label',
          filename: 'label.pdf',
          file_size: 5,
          mime_type: 'application/pdf',
          uploaded_by_customer_id: customer.id,
        })
        .execute(),
    );
    const reply = await app.inject({
      method: 'POST',
      url: `/api/support/tickets/${duplicate.id}/reply/`,
      headers: session,
      payload: { message: 'Any news on my parcel?' },
    });
    expect(reply.statusCode, reply.body).toBe(201);
    const messageId = reply.json<{ id: number }>().id;
    await asSystem(db, (tx) =>
      tx
        .insertInto('ticket_attachments')
        .values({
          workspace_id: ws.id,
          ticket_id: duplicate.id,
          message_id: messageId,
          file: 'sha256-test',
          filename: 'photo.jpg',
          file_size: 3,
          mime_type: 'image/jpeg',
          uploaded_by_customer_id: customer.id,
        })
        .execute(),
    );

    const res = await as(agentToken, 'POST', `/api/support/tickets/${duplicate.ticket_number}/merge/`, {
      into: target.ticket_number,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      ticket_number: duplicate.ticket_number,
      into_ticket_number: target.ticket_number,
      into_ticket_id: target.id,
      messages_moved: 2,
      attachments_moved: 2,
    });
    const moved = await messagesOf(ws, target.id);
    expect(moved.map((m) => m.message)).toContain('Any news on my parcel?');
    // The duplicate's own text moved too, as the customer's message with the files sent with it.
    const opening = await asSystem(db, (tx) =>
      tx
        .selectFrom('support_ticket_messages')
        .selectAll()
        .where('ticket_id', '=', target.id)
        .where('message', '=', 'My parcel is a week late.')
        .executeTakeFirstOrThrow(),
    );
    expect(opening).toMatchObject({
      message_type: 'customer',
      is_internal: false,
      sender_customer_id: customer.id,
      created_at: duplicate.created_at,
    });
    expect(opening.attachments.map((a) => a.filename)).toEqual(['label.pdf']);
    const labelFile = await asSystem(db, (tx) =>
      tx.selectFrom('ticket_attachments').select('message_id').where('file', '=', 'sha256-label').execute(),
    );
    expect(labelFile).toEqual([{ message_id: opening.id }]);
    expect(
      moved.some((m) => m.message_type === 'system' && m.message.includes(duplicate.ticket_number)),
    ).toBe(true);
    const left = await messagesOf(ws, duplicate.id);
    expect(left.every((m) => m.message_type === 'system')).toBe(true);
    const state = await asSystem(db, (tx) =>
      tx.selectFrom('support_tickets').selectAll().where('id', '=', duplicate.id).executeTakeFirstOrThrow(),
    );
    expect(state).toMatchObject({ status: 'closed', merged_into_id: target.id });
    const attachments = await asSystem(db, (tx) =>
      tx.selectFrom('ticket_attachments').select('ticket_id').where('message_id', '=', messageId).execute(),
    );
    expect(attachments).toEqual([{ ticket_id: target.id }]);

    // Both numbers resolve: the duplicate's answers with the target, for the customer too.
    const viaOld = await app.inject({
      method: 'GET',
      url: `/api/support/tickets/${duplicate.ticket_number}/`,
      headers: session,
    });
    expect(viaOld.statusCode, viaOld.body).toBe(200);
    expect(viaOld.json()).toMatchObject({ ticket_number: target.ticket_number });
    // Customers never see the internal system messages of the merge.
    expect(viaOld.body).not.toContain('merged into this ticket');

    const events = await storedEvents(db, ws.id, { types: ['ticket.merged'] });
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toMatchObject({ into_ticket_number: target.ticket_number, messages_moved: 2 });

    // Again → 409; into itself → 422; customers → 403; another workspace → 404.
    expect(
      (
        await as(agentToken, 'POST', `/api/support/tickets/${duplicate.id}/merge/`, {
          into: target.ticket_number,
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (await as(agentToken, 'POST', `/api/support/tickets/${target.id}/merge/`, { into: String(target.id) }))
        .statusCode,
    ).toBe(422);
    const third = await buildTicket(db, ws, { customerId: customer.id });
    const asCustomer = await app.inject({
      method: 'POST',
      url: `/api/support/tickets/${third.id}/merge/`,
      headers: session,
      payload: { into: target.ticket_number },
    });
    expect(asCustomer.statusCode).toBe(403);
    const other = await buildWorkspace(db);
    const otherAdmin = await buildAdmin(db, other);
    const foreign = await as(otherAdmin.token, 'POST', `/api/support/tickets/${third.id}/merge/`, {
      into: target.ticket_number,
    });
    expect(foreign.statusCode).toBe(404);
    const badBody = await as(agentToken, 'POST', `/api/support/tickets/${third.id}/merge/`, { into: '' });
    expect(badBody.statusCode).toBe(400);
  });

  it('loses no customer reply that races the merge', async () => {
    const { ws, agent, customer, session } = await setup();
    const hooks = ticketHooks();

    // 1. The merge holds the duplicate's lock while the reply waits for it: the reply lands on the target.
    const target = await buildTicket(db, ws, { customerId: customer.id, subject: 'Mug broken' });
    const duplicate = await buildTicket(db, ws, { customerId: customer.id, subject: 'Mug arrived broken' });
    // The reply is sent from outside the merge's transaction (its async context): started by release().
    let release!: () => void;
    const replied = new Promise<void>((resolve) => (release = resolve)).then(() =>
      app.inject({
        method: 'POST',
        url: `/api/support/tickets/${duplicate.id}/reply/`,
        headers: session,
        payload: { message: 'Here is a photo of the mug' },
      }),
    );
    await inWorkspace(db, ws.id, async (tx) => {
      await tx
        .selectFrom('support_tickets')
        .select('id')
        .where('id', '=', duplicate.id)
        .forUpdate()
        .execute();
      release();
      // Wait (up to a deadline) until the reply is blocked on the row lock (seen from a superuser session:
      // the application role cannot see other sessions' activity).
      const { rows: here } = await sql<{ name: string }>`SELECT current_database() AS name`.execute(tx);
      const monitor = new pg.Client({ connectionString: inject('serverUrl') });
      await monitor.connect();
      try {
        const deadline = Date.now() + 3_000;
        for (;;) {
          const { rows } = await monitor.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_stat_activity
             WHERE datname = $1 AND wait_event_type = 'Lock' AND query ILIKE '%support_tickets%'`,
            [here[0]!.name],
          );
          if (rows[0]!.n > 0) break;
          // Either way the reply must end on the target; the wait only makes the order likely.
          if (Date.now() > deadline) break;
          await new Promise((r) => setTimeout(r, 20));
        }
      } finally {
        await monitor.end();
      }
      await mergeTicket(
        {
          tx,
          workspaceId: ws.id,
          actor: { kind: 'staff', userId: agent.id, role: 'agent', via: 'token' },
          now: new Date(),
          hooks,
        },
        String(duplicate.id),
        String(target.id),
      );
    });
    const late = await replied;
    expect(late.statusCode, late.body).toBe(201);
    expect((await messagesOf(ws, target.id)).map((m) => m.message)).toContain('Here is a photo of the mug');

    // 2. Replies and merges started together, several times: every reply ends on the target.
    for (let round = 0; round < 4; round++) {
      const into = await buildTicket(db, ws, { customerId: customer.id, subject: `Round ${round}` });
      const dup = await buildTicket(db, ws, { customerId: customer.id, subject: `Round ${round} again` });
      const text = `race reply ${round}`;
      const [r, m] = await Promise.all([
        app.inject({
          method: 'POST',
          url: `/api/support/tickets/${dup.id}/reply/`,
          headers: session,
          payload: { message: text },
        }),
        inWorkspace(db, ws.id, (tx) =>
          mergeTicket(
            {
              tx,
              workspaceId: ws.id,
              actor: { kind: 'staff', userId: agent.id, role: 'agent', via: 'token' },
              now: new Date(),
              hooks,
            },
            String(dup.id),
            String(into.id),
          ),
        ),
      ]);
      expect(r.statusCode, r.body).toBe(201);
      expect(m.into.id).toBe(into.id);
      expect((await messagesOf(ws, into.id)).map((x) => x.message)).toContain(text);
      expect((await messagesOf(ws, dup.id)).map((x) => x.message)).not.toContain(text);
    }
  });
});
