import { describe, expect, it } from 'vitest';
import { asBearer, testApp } from '../../test/app.js';
import { buildAdmin, buildTicket, buildWorkspace } from '../../test/factories.js';

const { app, db } = await testApp();

describe('GET /api/support/admin/tickets/{id}/history/', () => {
  it('lists the recorded changes with who made them, and 404s another workspace’s ticket', async () => {
    const ws = await buildWorkspace(db);
    const admin = await buildAdmin(db, ws);
    const t = await buildTicket(db, ws, { status: 'open' });
    await app.inject(
      asBearer(admin.token, {
        method: 'PUT',
        url: `/api/support/tickets/${t.id}/status/`,
        payload: { status: 'pending' },
      }),
    );
    await app.inject(
      asBearer(admin.token, {
        method: 'PUT',
        url: `/api/support/tickets/${t.id}/status/`,
        payload: { status: 'resolved' },
      }),
    );
    const res = await app.inject(
      asBearer(admin.token, { method: 'GET', url: `/api/support/admin/tickets/${t.ticket_number}/history/` }),
    );
    expect(res.statusCode).toBe(200);
    const rows = res.json<{
      results: { field: string; old_value: string | null; new_value: string | null; actor_user: number }[];
    }>().results;
    expect(rows.filter((r) => r.field === 'status').map((r) => [r.old_value, r.new_value])).toEqual([
      ['open', 'pending'],
      ['pending', 'resolved'],
    ]);
    expect(rows.find((r) => r.field === 'resolved_at')?.new_value).toMatch(/Z$/);
    expect(rows.every((r) => r.actor_user === admin.id)).toBe(true);

    const other = await buildWorkspace(db);
    const foreign = await buildTicket(db, other);
    const denied = await app.inject(
      asBearer(admin.token, { method: 'GET', url: `/api/support/admin/tickets/${foreign.id}/history/` }),
    );
    expect(denied.statusCode).toBe(404);
  });
});
