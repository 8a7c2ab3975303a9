/**
 * ticketsByMessageIds, the In-Reply-To/References lookup of threading (issue 14, point 4b): a Message-ID
 * is found on a message, on a mail we sent or on a stored mail we received, each answered with its
 * ticket and the ticket's customer address; another workspace's ids answer nothing.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { asSystem, inWorkspace } from '../../../db/tenant.js';
import { testApp } from '../../../test/app.js';
import { buildCustomer, buildTicket, buildWorkspace, unique } from '../../../test/factories.js';
import { ticketsByMessageIds } from './find-thread.js';

const t = await testApp();
const { db } = t;

describe('the Message-ID lookup of threading', () => {
  it('finds the ticket of a message, of a mail sent and of a mail received, with its customer', async () => {
    const ws = await buildWorkspace(db);
    const other = await buildWorkspace(db);
    const alice = await buildCustomer(db, ws, { email: `alice-${unique()}@example.com`, password: null });
    const [onMessage, onSent, onReceived] = [
      await buildTicket(db, ws, { customerId: alice.id }),
      await buildTicket(db, ws),
      await buildTicket(db, ws),
    ];
    if (!onMessage || !onSent || !onReceived) throw new Error('no tickets');
    const ids = { message: `<m-${unique()}@x>`, sent: `<s-${unique()}@x>`, received: `<r-${unique()}@x>` };
    await asSystem(db, async (tx) => {
      await tx
        .insertInto('support_ticket_messages')
        .values({
          workspace_id: ws.id,
          ticket_id: onMessage.id,
          message: 'hello',
          message_type: 'customer',
          sender_customer_id: alice.id,
          email_message_id: ids.message,
        })
        .execute();
      await tx
        .insertInto('outbound_emails')
        .values({
          workspace_id: ws.id,
          ticket_id: onSent.id,
          to_address: 'b@example.com',
          subject: 's',
          text_body: 'b',
          message_id: ids.sent,
        })
        .execute();
      await tx
        .insertInto('inbound_emails')
        .values({
          workspace_id: ws.id,
          ticket_id: onReceived.id,
          message_id: ids.received,
          raw: Buffer.from('x'),
          status: 'processed',
        })
        .execute();
    });
    // Many rows of the workspace that do not match: each id is looked up by key, not by a scan.
    await asSystem(db, (tx) =>
      sql`INSERT INTO inbound_emails (workspace_id, message_id, raw, status)
          SELECT ${ws.id}, '<filler-' || g || '-${sql.raw(String(unique()))}@x>', '\\x00', 'processed'
          FROM generate_series(1, 200) g`.execute(tx),
    );

    const found = await inWorkspace(db, ws.id, (tx) =>
      ticketsByMessageIds(tx, ws.id, [ids.message, ids.sent, ids.received, '<unknown@x>']),
    );
    expect([...found.keys()].sort()).toEqual([ids.message, ids.received, ids.sent].sort());
    expect(found.get(ids.message)?.ticket.id).toBe(onMessage.id);
    expect(found.get(ids.message)?.customerEmail).toBe(alice.email);
    expect(found.get(ids.sent)?.ticket.id).toBe(onSent.id);
    expect(found.get(ids.received)?.ticket.id).toBe(onReceived.id);

    const elsewhere = await inWorkspace(db, other.id, (tx) =>
      ticketsByMessageIds(tx, other.id, [ids.message, ids.sent, ids.received]),
    );
    expect(elsewhere.size).toBe(0);
  });
});
