/**
 * What a customer sees of a ticket, on every customer-facing endpoint: no internal notes or their files,
 * no tags, no SLA internals, no team, no assignee email, no back-office links, no version.
 */
import type { InjectOptions } from 'fastify';
import { describe, expect, it } from 'vitest';
import { multipartBody, PDF, PNG } from '../attachments/test-helpers.js';
import { asBearer, testApp } from '../../test/app.js';
import {
  buildAdmin,
  buildCustomer,
  buildTicket,
  buildWorkspace,
  customerSession,
} from '../../test/factories.js';

const ctx = await testApp();

const STAFF_ONLY = [
  'tags',
  'sla',
  'team',
  'version',
  'response_warning_at',
  'resolution_warning_at',
  'response_breached',
  'resolution_breached',
  'sla_paused_at',
  'order_url',
  'consignment_url',
];

function expectCustomerShape(ticket: Record<string, unknown>) {
  for (const key of STAFF_ONLY) expect(ticket, key).not.toHaveProperty(key);
  const assignee = ticket.assigned_to as Record<string, unknown> | null;
  if (assignee) expect(assignee).not.toHaveProperty('email');
  expect(JSON.stringify(ticket)).not.toMatch(/refund-abuse|secret note|internal\.pdf|agent-[0-9a-f]+@/);
}

async function setUp() {
  const ws = await buildWorkspace(ctx.db);
  const admin = await buildAdmin(ctx.db, ws);
  const customer = await buildCustomer(ctx.db, ws);
  const ticket = await buildTicket(ctx.db, ws, {
    customerId: customer.id,
    assigned_to_id: admin.id,
    status: 'open',
  });
  const staff = (options: Parameters<typeof asBearer>[1]) => ctx.app.inject(asBearer(admin.token, options));
  const tagged = await staff({
    method: 'POST',
    url: `/api/support/admin/tickets/${ticket.id}/tags/`,
    payload: { add: ['refund-abuse'] },
  });
  expect(tagged.statusCode).toBe(200);
  const note = await multipartBody({ message: 'secret note', is_internal: 'true' }, [
    { name: 'internal.pdf', content: PDF, type: 'application/pdf' },
  ]);
  expect(
    (await staff({ method: 'POST', url: `/api/support/tickets/${ticket.id}/reply/`, ...note })).statusCode,
  ).toBe(201);
  const reply = await staff({
    method: 'POST',
    url: `/api/support/tickets/${ticket.id}/reply/`,
    payload: { message: 'public answer' },
  });
  expect(reply.statusCode).toBe(201);
  const headers = await customerSession(ctx.db, ws, customer.id);
  const asCustomer = (options: InjectOptions) =>
    ctx.app.inject({ ...options, headers: { ...headers, ...options.headers } });
  return { ws, admin, customer, ticket, staff, asCustomer, headers };
}

describe('the customer’s views of a ticket', () => {
  it('staff still see everything the customer does not', async () => {
    const { ticket, staff } = await setUp();
    const res = await staff({ method: 'GET', url: `/api/support/tickets/${ticket.id}/` });
    const body = res.json<Record<string, unknown>>();
    expect(body.tags).toEqual([expect.objectContaining({ slug: 'refund-abuse' })]);
    expect(body).toHaveProperty('version');
    expect(JSON.stringify(body)).toContain('secret note');
  });

  it('GET list and detail carry no internal notes, tags or SLA internals', async () => {
    const { ticket, asCustomer } = await setUp();
    const list = await asCustomer({ method: 'GET', url: '/api/support/tickets/' });
    expect(list.statusCode).toBe(200);
    const [row] = list.json<{ results: Record<string, unknown>[] }>().results;
    expectCustomerShape(row!);

    const detail = await asCustomer({ method: 'GET', url: `/api/support/tickets/${ticket.ticket_number}/` });
    expect(detail.statusCode).toBe(200);
    const body = detail.json<
      { messages: { message: string; is_internal: boolean }[] } & Record<string, unknown>
    >();
    expectCustomerShape(body);
    expect(body.messages.map((m) => m.message)).toEqual(['public answer']);
    expect(body.messages.every((m) => !m.is_internal)).toBe(true);
  });

  it('the reply, status change and rating answers carry no staff-only fields either', async () => {
    const { ticket, asCustomer } = await setUp();
    const files = await multipartBody({ message: 'thanks, see photo' }, [
      { name: 'photo.png', content: PNG, type: 'image/png' },
    ]);
    const reply = await asCustomer({
      method: 'POST',
      url: `/api/support/tickets/${ticket.id}/reply/`,
      ...files,
    });
    expect(reply.statusCode, reply.body).toBe(201);
    const message = reply.json<{ attachments: { id: number }[] }>();
    const download = await asCustomer({
      method: 'GET',
      url: `/api/support/tickets/${ticket.id}/attachments/${message.attachments[0]!.id}/`,
    });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(PNG)).toBe(true);

    const closed = await asCustomer({
      method: 'PUT',
      url: `/api/support/tickets/${ticket.id}/status/`,
      payload: { status: 'closed' },
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expectCustomerShape(closed.json());
    const rated = await asCustomer({
      method: 'POST',
      url: `/api/support/tickets/${ticket.id}/rate/`,
      payload: { rating: 4, comment: 'quick' },
    });
    expect(rated.statusCode, rated.body).toBe(200);
    expectCustomerShape(rated.json());
    expect(rated.json()).toMatchObject({ satisfaction_rating: 4, satisfaction_comment: 'quick' });
  });

  it('an internal note’s file is 404 to the customer; other customers’ and workspaces’ tickets are 404', async () => {
    const { ws, ticket, staff, asCustomer } = await setUp();
    const detail = await staff({ method: 'GET', url: `/api/support/tickets/${ticket.id}/` });
    const internal = detail
      .json<{ attachments: { id: number; filename: string }[] }>()
      .attachments.find((a) => a.filename === 'internal.pdf');
    expect(internal).toBeDefined();
    const file = await asCustomer({
      method: 'GET',
      url: `/api/support/tickets/${ticket.id}/attachments/${internal!.id}/`,
    });
    expect(file.statusCode).toBe(404);

    const someoneElse = await buildTicket(ctx.db, ws);
    expect(
      (await asCustomer({ method: 'GET', url: `/api/support/tickets/${someoneElse.id}/` })).statusCode,
    ).toBe(404);
    const other = await buildWorkspace(ctx.db);
    const foreign = await buildTicket(ctx.db, other);
    expect((await asCustomer({ method: 'GET', url: `/api/support/tickets/${foreign.id}/` })).statusCode).toBe(
      404,
    );
    // Staff-only endpoints: 403 for a customer.
    expect((await asCustomer({ method: 'GET', url: '/api/support/admin/tickets/' })).statusCode).toBe(403);
    expect((await asCustomer({ method: 'GET', url: '/api/support/admin/staff/' })).statusCode).toBe(403);
    expect(
      (await asCustomer({ method: 'GET', url: `/api/support/admin/tickets/${ticket.id}/history/` }))
        .statusCode,
    ).toBe(403);
  });

  it('a visitor’s new ticket from the web form answers in the customer’s shape', async () => {
    const ws = await buildWorkspace(ctx.db);
    const res = await ctx.app.inject({
      method: 'POST',
      url: `/api/support/tickets/?workspace=${ws.slug}`,
      payload: {
        subject: 'Where is it',
        description: 'Not here yet',
        email: 'visitor@example.test',
        name: 'V',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json<Record<string, unknown>>();
    expectCustomerShape(body);
    expect(body).toHaveProperty('response_due_at');
  });
});
