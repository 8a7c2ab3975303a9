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
});
