import { describe, expect, it } from 'vitest';
import type { Workspace } from '../../db/schema.js';
import { inWorkspace } from '../../db/tenant.js';
import { testApp } from '../../test/app.js';
import { buildCustomer, buildWorkspace } from '../../test/factories.js';
import { rowWrites } from '../../test/row-writes.js';
import { ticketHooks } from '../../ticket-hooks.js';
import { createTicket, createTickets } from './create-ticket.js';

const { db } = await testApp();
const hooks = ticketHooks();
const now = new Date('2026-12-07T09:00:00Z');

const numberOf = (ticketNumber: string) => Number(ticketNumber.split('-')[1]);

async function openMany(ws: Workspace, subjects: string[]) {
  const customer = await buildCustomer(db, ws);
  return inWorkspace(db, ws.id, (tx) =>
    createTickets(
      { tx, workspaceId: ws.id, defaultPriority: ws.default_priority, now, hooks },
      subjects.map((subject) => ({
        customer,
        channel: 'email' as const,
        subject,
        description: `about ${subject}`,
        actor: { customerId: customer.id },
      })),
    ),
  );
}

describe('createTickets: several new tickets at once', () => {
  it('numbers them consecutively in the order given, with clocks and one ticket.created each', async () => {
    const ws = await buildWorkspace(db);
    const customer = await buildCustomer(db, ws);
    const single = await inWorkspace(db, ws.id, (tx) =>
      createTicket(
        { tx, workspaceId: ws.id, defaultPriority: ws.default_priority, actor: {}, now, hooks },
        { customer, channel: 'web', subject: 'alone', description: 'one' },
      ),
    );
    const many = await openMany(ws, ['a', 'b', 'c']);
    expect(many.map((t) => t.subject)).toEqual(['a', 'b', 'c']);
    expect(many.map((t) => numberOf(t.ticket_number))).toEqual(
      [1, 2, 3].map((i) => numberOf(single.ticket_number) + i),
    );
    // The same clock as a ticket created alone at the same moment with the same priority.
    for (const t of many) {
      expect(t.priority_id).toBe(single.priority_id);
      expect(t.response_due_at).toEqual(single.response_due_at);
      expect(t.resolution_due_at).toEqual(single.resolution_due_at);
      expect(t.response_due_at).not.toBeNull();
    }
    const events = await inWorkspace(db, ws.id, (tx) =>
      tx
        .selectFrom('domain_events')
        .select(['type', 'subject_id', 'actor_customer_id'])
        .where('type', '=', 'ticket.created')
        .orderBy('id')
        .execute(),
    );
    expect(events.map((e) => e.subject_id)).toEqual([single.id, ...many.map((t) => t.id)]);
    expect(events.slice(1).every((e) => e.actor_customer_id === many[0]?.customer_id)).toBe(true);
  });

  it('keeps numbers unique and gapless under two concurrent batches, each batch consecutive', async () => {
    const ws = await buildWorkspace(db);
    const [left, right] = await Promise.all([
      openMany(ws, ['l1', 'l2', 'l3', 'l4', 'l5']),
      openMany(ws, ['r1', 'r2', 'r3', 'r4', 'r5']),
    ]);
    const all = [...(left ?? []), ...(right ?? [])].map((t) => numberOf(t.ticket_number));
    const sorted = [...all].sort((a, b) => a - b);
    expect(new Set(all).size).toBe(10);
    expect(sorted.at(-1)! - sorted[0]!).toBe(9);
    for (const batch of [left, right]) {
      const n = (batch ?? []).map((t) => numberOf(t.ticket_number));
      expect(n).toEqual(n.map((_, i) => (n[0] ?? 0) + i));
    }
  });

  it('writes each new ticket once: its SLA clock with its INSERT', async () => {
    const ws = await buildWorkspace(db);
    const customer = await buildCustomer(db, ws);
    const { result: tickets, ...counts } = await inWorkspace(db, ws.id, (tx) =>
      rowWrites(tx, 'support_tickets', async () => {
        const ctx = { tx, workspaceId: ws.id, defaultPriority: ws.default_priority, now, hooks };
        const one = await createTicket(
          { ...ctx, actor: {} },
          { customer, channel: 'web', subject: 'alone', description: 'one' },
        );
        const many = await createTickets(
          ctx,
          ['a', 'b'].map((subject) => ({
            customer,
            channel: 'email' as const,
            subject,
            description: subject,
            actor: { customerId: customer.id },
          })),
        );
        return [one, ...many];
      }),
    );
    expect(counts).toEqual({ inserted: 3, updated: 0 });
    for (const t of tickets) {
      expect(t.response_due_at).not.toBeNull();
      expect(t.resolution_due_at).not.toBeNull();
      expect(t.response_warning_at).not.toBeNull();
    }
  });

  it('writes nothing when one of them is invalid', async () => {
    const ws = await buildWorkspace(db);
    await expect(openMany(ws, ['fine', '   '])).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const count = await inWorkspace(db, ws.id, (tx) =>
      tx
        .selectFrom('support_tickets')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow(),
    );
    expect(Number(count.n)).toBe(0);
  });
});
