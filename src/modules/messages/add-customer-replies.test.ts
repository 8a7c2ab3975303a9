import { describe, expect, it } from 'vitest';
import { inWorkspace } from '../../db/tenant.js';
import { testApp } from '../../test/app.js';
import { buildCustomer, buildTicket, buildWorkspace } from '../../test/factories.js';
import { rowWrites } from '../../test/row-writes.js';
import { ticketHooks } from '../../ticket-hooks.js';
import { addCustomerReplies } from './add-customer-replies.js';

const { db } = await testApp();
const hooks = ticketHooks();

describe('addCustomerReplies: customers replies delivered together', () => {
  it("writes each message once, with its mail's Message-ID; the ticket moves on, the other customer's 404s", async () => {
    const ws = await buildWorkspace(db);
    const cora = await buildCustomer(db, ws);
    const other = await buildCustomer(db, ws);
    const open = await buildTicket(db, ws, { customerId: cora.id, status: 'open', subject: 'Mug' });
    const fresh = await buildTicket(db, ws, { customerId: cora.id, status: 'new', subject: 'Cup' });
    const notHers = await buildTicket(db, ws, { customerId: other.id, status: 'open', subject: 'Plate' });
    const now = new Date();
    const { result, inserted, updated } = await inWorkspace(db, ws.id, (tx) =>
      rowWrites(tx, 'support_ticket_messages', () =>
        addCustomerReplies({ tx, workspaceId: ws.id, now, hooks }, [
          { ticketId: open.id, customerId: cora.id, message: 'still broken', emailMessageId: '<a@x.test>' },
          { ticketId: fresh.id, customerId: cora.id, message: 'and this', emailMessageId: '<b@x.test>' },
          { ticketId: fresh.id, customerId: cora.id, message: 'no mail id' },
        ]),
      ),
    );
    expect({ inserted, updated }).toEqual({ inserted: 3, updated: 0 });
    expect(result.map((r) => [r.message.ticket_id, r.message.email_message_id])).toEqual([
      [open.id, '<a@x.test>'],
      [fresh.id, '<b@x.test>'],
      [fresh.id, ''],
    ]);
    expect(result.map((r) => r.ticket.updated_at.getTime())).toEqual([0, 1, 2].map(() => now.getTime()));
    await expect(
      inWorkspace(db, ws.id, (tx) =>
        addCustomerReplies({ tx, workspaceId: ws.id, now, hooks }, [
          { ticketId: notHers.id, customerId: cora.id, message: 'mine?', emailMessageId: '<c@x.test>' },
        ]),
      ),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('moves each ticket once, updated_at and version together; each message keeps the version it made', async () => {
    const ws = await buildWorkspace(db);
    const cora = await buildCustomer(db, ws);
    const one = await buildTicket(db, ws, { customerId: cora.id, status: 'open', subject: 'Mug' });
    const two = await buildTicket(db, ws, { customerId: cora.id, status: 'new', subject: 'Cup' });
    const now = new Date();
    const {
      result: messages,
      inserted,
      updated,
    } = await inWorkspace(db, ws.id, (tx) =>
      rowWrites(tx, 'support_tickets', () =>
        addCustomerReplies({ tx, workspaceId: ws.id, now, hooks }, [
          { ticketId: two.id, customerId: cora.id, message: 'first' },
          { ticketId: one.id, customerId: cora.id, message: 'only' },
          { ticketId: two.id, customerId: cora.id, message: 'second' },
        ]),
      ),
    );
    // One UPDATE per ticket (not one per message and another for updated_at).
    expect({ inserted, updated }).toEqual({ inserted: 0, updated: 2 });
    expect(messages.map((r) => [r.message.message, r.message.ticket_version, r.ticket.version])).toEqual([
      ['first', two.version + 1, two.version + 2],
      ['only', one.version + 1, one.version + 1],
      ['second', two.version + 2, two.version + 2],
    ]);
    // Written another way, a message still bumps the version itself (the trigger).
    const later = await inWorkspace(db, ws.id, (tx) =>
      addCustomerReplies({ tx, workspaceId: ws.id, now, hooks }, [
        { ticketId: one.id, customerId: cora.id, message: 'again' },
      ]),
    );
    expect(later[0]?.message.ticket_version).toBe(one.version + 2);
    const note = await inWorkspace(db, ws.id, (tx) =>
      tx
        .insertInto('support_ticket_messages')
        .values({
          workspace_id: ws.id,
          ticket_id: one.id,
          message: 'note',
          message_type: 'note',
          is_internal: true,
        })
        .returning('ticket_version')
        .executeTakeFirstOrThrow(),
    );
    expect(note.ticket_version).toBe(one.version + 3);
  });
});
