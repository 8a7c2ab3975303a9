import { describe, expect, it } from 'vitest';
import { asBearer, testApp } from '../../test/app.js';
import { buildAdmin, buildTicket, buildWorkspace } from '../../test/factories.js';

const { app, db } = await testApp();

describe('ticket tags', () => {
  it('adds (creating tags), removes, filters by tag and records history', async () => {
    const ws = await buildWorkspace(db);
    const admin = await buildAdmin(db, ws);
    const t = await buildTicket(db, ws);
    const untagged = await buildTicket(db, ws);
    const post = (payload: object, ref: string | number = t.id) =>
      app.inject(
        asBearer(admin.token, { method: 'POST', url: `/api/support/admin/tickets/${ref}/tags/`, payload }),
      );
    const added = await post({ add: ['VIP', 'Refund request'] });
    expect(added.statusCode).toBe(200);
    expect(added.json<{ tags: { slug: string; name: string }[] }>().tags.map((x) => x.slug)).toEqual([
      'refund-request',
      'vip',
    ]);
    const removed = await post({ remove: ['vip'] });
    expect(removed.json<{ tags: { slug: string }[] }>().tags.map((x) => x.slug)).toEqual(['refund-request']);
    const filtered = await app.inject(
      asBearer(admin.token, { method: 'GET', url: '/api/support/admin/tickets/?tag=refund-request' }),
    );
    const ids = filtered.json<{ results: { id: number }[] }>().results.map((x) => x.id);
    expect(ids).toEqual([t.id]);
    expect(ids).not.toContain(untagged.id);
    const history = await app.inject(
      asBearer(admin.token, { method: 'GET', url: `/api/support/admin/tickets/${t.id}/history/` }),
    );
    const tagRows = history
      .json<{ results: { field: string; new_value: string }[] }>()
      .results.filter((r) => r.field === 'tags');
    expect(tagRows.map((r) => r.new_value)).toEqual(['refund-request,vip', 'refund-request']);
    expect((await post({ add: ['!!!'] })).statusCode).toBe(400);

    const other = await buildWorkspace(db);
    const foreign = await buildTicket(db, other);
    expect((await post({ add: ['x'] }, foreign.ticket_number)).statusCode).toBe(404);
  });
});
