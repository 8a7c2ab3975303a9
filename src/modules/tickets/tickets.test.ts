import { describe, expect, it } from 'vitest';
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
  priorityOf,
} from '../../test/factories.js';

const { app, db } = await testApp();

interface TicketBody {
  id: number;
  ticket_number: string;
  status: string;
  channel: string;
  customer: { id: number; email: string };
  priority: { code: string };
  assigned_to: { id: number } | null;
  response_due_at: string | null;
  resolution_due_at: string | null;
  created_at: string;
  resolved_at: string | null;
  closed_at: string | null;
  satisfaction_rating: number | null;
  can: { change_status: string[]; rate: boolean; reply: boolean };
  messages?: { message: string; is_internal: boolean; message_type: string }[];
}

async function workspaceWithPeople() {
  const ws = await buildWorkspace(db);
  const admin = await buildAdmin(db, ws);
  const agent = await buildUser(db, ws, { role: 'agent', name: 'Agnes Agent' });
  const agentToken = await buildToken(db, ws, agent.id);
  const customer = await buildCustomer(db, ws, { name: 'Cora Customer' });
  const session = await customerSession(db, ws, customer.id);
  return { ws, admin, agent, agentToken, customer, session };
}

describe('creating tickets', () => {
  it('lets a customer open a ticket with the workspace defaults', async () => {
    const { ws, customer, session } = await workspaceWithPeople();
    const res = await app.inject({
      method: 'POST',
      url: '/api/support/tickets/',
      headers: session,
      payload: { subject: 'Where is my parcel?', description: 'Ordered a week ago.', order: 'SO-1' },
    });
    expect(res.statusCode).toBe(201);
    const t = res.json<TicketBody>();
    expect(t.ticket_number).toBe(`${ws.ticket_prefix}-1`);
    expect(t).toMatchObject({ status: 'new', channel: 'web', priority: { code: 'medium' } });
    // No SLA in this workspace: the priority's 24 h / 72 h run around the clock.
    const created = Date.parse(t.created_at);
    expect(Date.parse(t.response_due_at ?? '') - created).toBe(24 * 3600_000);
    expect(Date.parse(t.resolution_due_at ?? '') - created).toBe(72 * 3600_000);
    expect(t.customer.id).toBe(customer.id);
  });

  it('takes the web form without a login and creates the customer', async () => {
    const { ws } = await workspaceWithPeople();
    const res = await app.inject({
      method: 'POST',
      url: '/api/support/tickets/',
      headers: { 'x-workspace': ws.slug },
      payload: {
        subject: 'Hello',
        description: 'Question',
        email: 'New.Person@Example.test',
        name: 'New Person',
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json<TicketBody>().customer.email).toBe('new.person@example.test');
    const missing = await app.inject({
      method: 'POST',
      url: '/api/support/tickets/',
      headers: { 'x-workspace': ws.slug },
      payload: { subject: 'Hello', description: 'Question' },
    });
    expect(missing.statusCode).toBe(400);
  });

  it('lets staff open a ticket for a customer by email, on the api channel for tokens', async () => {
    const { admin } = await workspaceWithPeople();
    const res = await app.inject(
      asBearer(admin.token, {
        method: 'POST',
        url: '/api/support/tickets/',
        payload: {
          subject: 'Phoned in',
          description: 'Called about a refund',
          customer: 'caller@example.test',
        },
      }),
    );
    expect(res.statusCode).toBe(201);
    expect(res.json<TicketBody>()).toMatchObject({
      channel: 'api',
      customer: { email: 'caller@example.test' },
    });
    const nulls = await app.inject(
      asBearer(admin.token, {
        method: 'POST',
        url: '/api/support/tickets/',
        payload: {
          subject: 'Nulls',
          description: 'x',
          customer: 'caller@example.test',
          category: null,
          priority: null,
          order: null,
        },
      }),
    );
    expect(nulls.statusCode).toBe(201);
    const phone = await app.inject(
      asBearer(admin.token, {
        method: 'POST',
        url: '/api/support/tickets/',
        payload: {
          subject: 'Phoned',
          description: 'x',
          customer: 'caller@example.test',
          channel: 'phone',
          priority: 'urgent',
        },
      }),
    );
    expect(phone.json<TicketBody>()).toMatchObject({ channel: 'phone', priority: { code: 'urgent' } });
  });

  it('refuses a customer naming another customer', async () => {
    const { session } = await workspaceWithPeople();
    const res = await app.inject({
      method: 'POST',
      url: '/api/support/tickets/',
      headers: session,
      payload: { subject: 's', description: 'd', customer: 'victim@example.test' },
    });
    expect(res.statusCode).toBe(403);
  });

  it('uses the category’s default priority, assignee and SLA', async () => {
    const { ws, admin, agent } = await workspaceWithPeople();
    await inWorkspace(db, ws.id, async (tx) => {
      const sla = await tx
        .insertInto('slas')
        .values({ workspace_id: ws.id, name: 'Gold' })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('ticket_categories')
        .values({
          workspace_id: ws.id,
          name: 'Refunds',
          slug: 'refunds',
          default_priority: 'high',
          default_assignee_id: agent.id,
          sla_id: sla.id,
        })
        .execute();
    });
    const res = await app.inject(
      asBearer(admin.token, {
        method: 'POST',
        url: '/api/support/tickets/',
        payload: {
          subject: 'Refund',
          description: 'please',
          customer: 'r@example.test',
          category: 'refunds',
        },
      }),
    );
    expect(res.statusCode).toBe(201);
    const t = res.json<TicketBody & { sla: { name: string } }>();
    expect(t).toMatchObject({
      priority: { code: 'high' },
      assigned_to: { id: agent.id },
      sla: { name: 'Gold' },
    });
    const log = await inWorkspace(db, ws.id, (tx) =>
      tx.selectFrom('ticket_assignments').selectAll().where('ticket_id', '=', t.id).execute(),
    );
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ action: 'assigned', to_user_id: agent.id });
  });

  it('answers an unknown category or priority with 400', async () => {
    const { admin } = await workspaceWithPeople();
    for (const extra of [{ category: 'nope' }, { priority: 'extreme' }]) {
      const res = await app.inject(
        asBearer(admin.token, {
          method: 'POST',
          url: '/api/support/tickets/',
          payload: { subject: 's', description: 'd', customer: 'c@example.test', ...extra },
        }),
      );
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    }
  });

  it('refuses another workspace’s category, priority and customer with 400, creating nothing', async () => {
    const a = await workspaceWithPeople();
    const b = await workspaceWithPeople();
    const theirCategory = await inWorkspace(db, b.ws.id, (tx) =>
      tx
        .insertInto('ticket_categories')
        .values({ workspace_id: b.ws.id, name: 'Secret Refunds', slug: 'secret-refunds' })
        .returning('id')
        .executeTakeFirstOrThrow(),
    );
    const theirPriority = await priorityOf(db, b.ws, 'urgent');
    const cases: [string, object][] = [
      ['category', { category: theirCategory.id }],
      ['category', { category: String(theirCategory.id) }],
      ['category', { category: 'secret-refunds' }],
      ['priority', { priority: theirPriority.id }],
      ['priority', { priority: String(theirPriority.id) }],
      ['customer', { customer: b.customer.id }],
      ['customer', { customer: String(b.customer.id) }],
    ];
    for (const [path, extra] of cases) {
      const res = await app.inject(
        asBearer(a.admin.token, {
          method: 'POST',
          url: '/api/support/tickets/',
          payload: { subject: 's', description: 'd', customer: a.customer.id, ...extra },
        }),
      );
      const what = JSON.stringify(extra);
      expect(res.statusCode, what).toBe(400);
      expect(res.headers['content-type'], what).toMatch(/problem\+json/);
      expect(res.json(), what).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path }] });
      expect(res.body, what).not.toContain('Secret Refunds');
      expect(res.body, what).not.toContain(b.customer.email);
    }
    const tickets = await asSystem(db, (tx) =>
      tx.selectFrom('support_tickets').select('id').where('workspace_id', 'in', [a.ws.id, b.ws.id]).execute(),
    );
    expect(tickets).toEqual([]);
    // The same request with the workspace's own customer goes through: the refusals above are the ids'.
    const own = await app.inject(
      asBearer(a.admin.token, {
        method: 'POST',
        url: '/api/support/tickets/',
        payload: { subject: 's', description: 'd', customer: a.customer.id },
      }),
    );
    expect(own.statusCode).toBe(201);
    expect(own.json<TicketBody>().customer.id).toBe(a.customer.id);
  });

  it('gives 200 concurrent creates 200 distinct numbers', async () => {
    const { ws, admin } = await workspaceWithPeople();
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        app.inject(
          asBearer(admin.token, {
            method: 'POST',
            url: '/api/support/tickets/',
            payload: { subject: `Parallel ${i}`, description: 'd', customer: 'many@example.test' },
          }),
        ),
      ),
    );
    expect(results.map((r) => r.statusCode).filter((s) => s !== 201)).toEqual([]);
    const numbers = new Set(results.map((r) => r.json<TicketBody>().ticket_number));
    expect(numbers.size).toBe(200);
    expect(numbers.has(`${ws.ticket_prefix}-200`)).toBe(true);
  });

  it('honours Idempotency-Key', async () => {
    const { session } = await workspaceWithPeople();
    const send = () =>
      app.inject({
        method: 'POST',
        url: '/api/support/tickets/',
        headers: { ...session, 'idempotency-key': 'form-42' },
        payload: { subject: 'Once', description: 'only once' },
      });
    const a = await send();
    const b = await send();
    expect(b.json<TicketBody>().id).toBe(a.json<TicketBody>().id);
  });
});

describe('reading tickets', () => {
  it('shows customers only their own tickets, staff all of the workspace', async () => {
    const { ws, customer, session, agentToken } = await workspaceWithPeople();
    const mine = await buildTicket(db, ws, { customerId: customer.id, subject: 'Mine' });
    const theirs = await buildTicket(db, ws, { subject: 'Theirs' });
    const list = await app.inject({ method: 'GET', url: '/api/support/tickets/', headers: session });
    expect(list.json<{ results: TicketBody[] }>().results.map((t) => t.id)).toEqual([mine.id]);
    const other = await app.inject({
      method: 'GET',
      url: `/api/support/tickets/${theirs.ticket_number}/`,
      headers: session,
    });
    expect(other.statusCode).toBe(404);
    const staff = await app.inject(asBearer(agentToken, { method: 'GET', url: '/api/support/tickets/' }));
    expect(
      staff
        .json<{ results: TicketBody[] }>()
        .results.map((t) => t.id)
        .sort(),
    ).toEqual([mine.id, theirs.id].sort());
  });

  it('answers another workspace’s ticket with 404 on every endpoint', async () => {
    const a = await workspaceWithPeople();
    const b = await workspaceWithPeople();
    const foreign = await buildTicket(db, b.ws, { customerId: b.customer.id, status: 'resolved' });
    for (const ref of [String(foreign.id), foreign.ticket_number]) {
      const calls = [
        asBearer(a.admin.token, { method: 'GET', url: `/api/support/tickets/${ref}/` }),
        asBearer(a.admin.token, {
          method: 'PUT',
          url: `/api/support/tickets/${ref}/status/`,
          payload: { status: 'open' },
        }),
        { method: 'GET' as const, url: `/api/support/tickets/${ref}/`, headers: a.session },
        {
          method: 'POST' as const,
          url: `/api/support/tickets/${ref}/rate/`,
          headers: a.session,
          payload: { rating: 5 },
        },
      ];
      for (const call of calls) {
        const res = await app.inject(call);
        expect(res.statusCode, `${call.method} ${String(call.url as string)}`).toBe(404);
      }
    }
    const list = await app.inject(
      asBearer(a.admin.token, { method: 'GET', url: '/api/support/admin/tickets/' }),
    );
    expect(list.json<{ results: TicketBody[] }>().results.find((t) => t.id === foreign.id)).toBeUndefined();
  });

  it('never shows a customer internal notes or system messages', async () => {
    const { ws, customer, session, admin } = await workspaceWithPeople();
    const t = await buildTicket(db, ws, { customerId: customer.id });
    await inWorkspace(db, ws.id, (tx) =>
      tx
        .insertInto('support_ticket_messages')
        .values([
          {
            workspace_id: ws.id,
            ticket_id: t.id,
            message: 'public answer',
            message_type: 'agent',
            is_staff_reply: true,
          },
          {
            workspace_id: ws.id,
            ticket_id: t.id,
            message: 'SECRET note',
            message_type: 'note',
            is_internal: true,
          },
          {
            workspace_id: ws.id,
            ticket_id: t.id,
            message: 'status changed',
            message_type: 'system',
            is_internal: true,
          },
        ])
        .execute(),
    );
    const asCustomer = await app.inject({
      method: 'GET',
      url: `/api/support/tickets/${t.id}/`,
      headers: session,
    });
    expect(asCustomer.statusCode).toBe(200);
    expect(asCustomer.body).not.toContain('SECRET');
    expect(asCustomer.json<TicketBody>().messages?.map((m) => m.message)).toEqual(['public answer']);
    const asStaff = await app.inject(
      asBearer(admin.token, { method: 'GET', url: `/api/support/tickets/${t.id}/` }),
    );
    expect(asStaff.json<TicketBody>().messages).toHaveLength(3);
  });

  it('filters and sorts the admin list, paging with a cursor', async () => {
    const { ws, admin, agent, customer } = await workspaceWithPeople();
    const made = [];
    for (let i = 0; i < 7; i++) {
      made.push(
        await buildTicket(db, ws, {
          customerId: customer.id,
          status: i % 2 === 0 ? 'open' : 'pending',
          channel: i < 3 ? 'email' : 'web',
          assigned_to_id: i === 0 ? agent.id : null,
        }),
      );
    }
    const get = async (query: string) => {
      const res = await app.inject(
        asBearer(admin.token, { method: 'GET', url: `/api/support/admin/tickets/?${query}` }),
      );
      expect(res.statusCode, query).toBe(200);
      return res.json<{ results: TicketBody[]; next_cursor: string | null }>();
    };
    expect((await get('status=open')).results).toHaveLength(4);
    expect((await get('status=open,pending&channel=email')).results).toHaveLength(3);
    expect((await get(`assigned_to=${agent.id}`)).results.map((t) => t.id)).toEqual([made[0]?.id]);
    expect((await get('assigned_to=none')).results).toHaveLength(6);
    expect((await get(`customer=${encodeURIComponent(customer.email)}`)).results).toHaveLength(7);
    expect((await get('priority=medium')).results).toHaveLength(7);
    expect((await get('breached=true')).results).toHaveLength(0);

    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { results: TicketBody[]; next_cursor: string | null } = await get(
        `limit=3&sort=-created_at${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.results.map((t) => t.id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen).toEqual(made.map((t) => t.id));

    const due = await get('sort=response_due_at&limit=2');
    expect(due.results).toHaveLength(2);
    const next = await get(`sort=response_due_at&limit=10&cursor=${due.next_cursor}`);
    expect(next.results).toHaveLength(5);
  });

  it('rejects a forged cursor and unknown filters with 400', async () => {
    const { admin } = await workspaceWithPeople();
    for (const q of ['cursor=not-a-cursor', 'status=bogus', 'sort=subject', 'priority=nope', 'colour=red']) {
      const res = await app.inject(
        asBearer(admin.token, { method: 'GET', url: `/api/support/admin/tickets/?${q}` }),
      );
      expect(res.statusCode, q).toBe(400);
    }
  });

  it('keeps customers out of the admin list', async () => {
    const { session } = await workspaceWithPeople();
    const res = await app.inject({ method: 'GET', url: '/api/support/admin/tickets/', headers: session });
    expect(res.statusCode).toBe(403);
  });
});

describe('status changes', () => {
  it('follow the lifecycle, stamp the times and record history, a system message and an event', async () => {
    const { ws, admin, agentToken, customer } = await workspaceWithPeople();
    const t = await buildTicket(db, ws, { customerId: customer.id, status: 'open' });
    const put = (token: string, status: string) =>
      app.inject(
        asBearer(token, {
          method: 'PUT',
          url: `/api/support/tickets/${t.ticket_number}/status/`,
          payload: { status, reason: 'checked' },
        }),
      );
    const resolved = await put(agentToken, 'resolved');
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json<TicketBody>().resolved_at).not.toBeNull();
    const closed = await put(agentToken, 'closed');
    expect(closed.json<TicketBody>().closed_at).not.toBeNull();
    const agentReopen = await put(agentToken, 'open');
    expect(agentReopen.statusCode).toBe(422);
    expect(agentReopen.json()).toMatchObject({ code: 'ILLEGAL_STATUS_TRANSITION' });
    const adminReopen = await put(admin.token, 'open');
    expect(adminReopen.statusCode).toBe(200);
    expect(adminReopen.json<TicketBody>()).toMatchObject({
      status: 'open',
      resolved_at: null,
      closed_at: null,
    });

    const { history, system, events } = await inWorkspace(db, ws.id, async (tx) => ({
      history: await tx
        .selectFrom('ticket_history')
        .selectAll()
        .where('ticket_id', '=', t.id)
        .where('field', '=', 'status')
        .orderBy('id')
        .execute(),
      system: await tx
        .selectFrom('support_ticket_messages')
        .selectAll()
        .where('ticket_id', '=', t.id)
        .where('message_type', '=', 'system')
        .execute(),
      events: await tx
        .selectFrom('domain_events')
        .selectAll()
        .where('subject_id', '=', t.id)
        .where('type', '=', 'ticket.updated')
        .execute(),
    }));
    expect(history.map((h) => `${h.old_value}→${h.new_value}`)).toEqual([
      'open→resolved',
      'resolved→closed',
      'closed→open',
    ]);
    expect(system).toHaveLength(3);
    expect(system[0]?.message).toMatch(/from open to resolved by Agnes Agent — checked/);
    expect(system.every((m) => m.is_internal)).toBe(true);
    expect(events).toHaveLength(3);
  });

  it('lets a customer close or cancel their own ticket, and nothing else', async () => {
    const { ws, customer, session } = await workspaceWithPeople();
    const t = await buildTicket(db, ws, { customerId: customer.id, status: 'open' });
    const put = (status: string) =>
      app.inject({
        method: 'PUT',
        url: `/api/support/tickets/${t.id}/status/`,
        headers: session,
        payload: { status },
      });
    expect((await put('resolved')).statusCode).toBe(422);
    expect((await put('closed')).statusCode).toBe(200);
    expect((await put('open')).statusCode).toBe(422);
  });

  it('needs the CSRF token for a customer’s cookie session', async () => {
    const { ws, customer, session } = await workspaceWithPeople();
    const t = await buildTicket(db, ws, { customerId: customer.id, status: 'open' });
    const res = await app.inject({
      method: 'PUT',
      url: `/api/support/tickets/${t.id}/status/`,
      headers: { cookie: session.cookie },
      payload: { status: 'closed' },
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('rating', () => {
  it('lets the ticket’s customer rate once it is resolved, and re-rate', async () => {
    const { ws, customer, session, admin } = await workspaceWithPeople();
    const open = await buildTicket(db, ws, { customerId: customer.id, status: 'open' });
    const done = await buildTicket(db, ws, { customerId: customer.id, status: 'resolved' });
    const rate = (id: number, rating: number, headers = session) =>
      app.inject({
        method: 'POST',
        url: `/api/support/tickets/${id}/rate/`,
        headers,
        payload: { rating, comment: 'quick' },
      });
    expect((await rate(open.id, 5)).statusCode).toBe(422);
    const ok = await rate(done.id, 4);
    expect(ok.statusCode).toBe(200);
    expect(ok.json<TicketBody>().satisfaction_rating).toBe(4);
    expect((await rate(done.id, 5)).json<TicketBody>().satisfaction_rating).toBe(5);
    expect((await rate(done.id, 6)).statusCode).toBe(400);
    const staff = await app.inject(
      asBearer(admin.token, {
        method: 'POST',
        url: `/api/support/tickets/${done.id}/rate/`,
        payload: { rating: 1 },
      }),
    );
    expect(staff.statusCode).toBe(403);
    const stranger = await buildCustomer(db, ws);
    const strangerSession = await customerSession(db, ws, stranger.id);
    expect((await rate(done.id, 1, strangerSession)).statusCode).toBe(404);
  });
});
