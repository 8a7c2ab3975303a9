/**
 * An internal note leaves no trace a customer can see: not its text, and not the ticket's updated_at,
 * which the customer's list shows and sorts by (sort=updated_at would otherwise move the ticket up).
 */
import { describe, expect, it } from 'vitest';
import { asBearer, testApp } from '../../test/app.js';
import {
  buildAdmin,
  buildCustomer,
  buildTicket,
  buildWorkspace,
  customerSession,
} from '../../test/factories.js';

const { app, db } = await testApp();

describe('internal notes seen from the customer side', () => {
  it('change neither the customer’s list, its order nor the ticket’s updated_at; a public reply does', async () => {
    const ws = await buildWorkspace(db);
    const admin = await buildAdmin(db, ws);
    const customer = await buildCustomer(db, ws);
    const session = await customerSession(db, ws, customer.id);
    const older = await buildTicket(db, ws, { customerId: customer.id, status: 'open', subject: 'Older' });
    const newer = await buildTicket(db, ws, { customerId: customer.id, status: 'open', subject: 'Newer' });
    const customerList = async () => {
      const res = await app.inject({
        method: 'GET',
        url: '/api/support/tickets/?sort=updated_at',
        headers: session,
      });
      expect(res.statusCode).toBe(200);
      return {
        body: res.body,
        rows: res.json<{ results: { id: number; updated_at: string }[] }>().results,
      };
    };
    const reply = async (message: string, isInternal: boolean) => {
      await new Promise((r) => setTimeout(r, 5));
      const res = await app.inject(
        asBearer(admin.token, {
          method: 'POST',
          url: `/api/support/tickets/${older.id}/reply/`,
          payload: { message, is_internal: isInternal },
        }),
      );
      expect(res.statusCode).toBe(201);
    };

    const before = await customerList();
    expect(before.rows.map((r) => r.id)).toEqual([newer.id, older.id]);

    await reply('SECRET: refund approved by the warehouse lead', true);
    const afterNote = await customerList();
    expect(afterNote.rows).toEqual(before.rows);
    expect(afterNote.body).not.toContain('SECRET');
    const detail = await app.inject({
      method: 'GET',
      url: `/api/support/tickets/${older.id}/`,
      headers: session,
    });
    expect(detail.json<{ updated_at: string }>().updated_at).toBe(before.rows[1]?.updated_at);
    expect(detail.body).not.toContain('SECRET');

    // A public reply is news for the customer: the ticket moves up.
    await reply('We have sent a new mug.', false);
    const afterReply = await customerList();
    expect(afterReply.rows.map((r) => r.id)).toEqual([older.id, newer.id]);
    expect(afterReply.rows[0]?.updated_at).not.toBe(before.rows[1]?.updated_at);
  });
});
