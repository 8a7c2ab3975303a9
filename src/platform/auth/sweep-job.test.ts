import { describe, expect, it } from 'vitest';
import { inWorkspace } from '../../db/tenant.js';
import { createSession } from '../../modules/auth/index.js';
import { testDatabase } from '../../test/db.js';
import { buildCustomer, buildWorkspace } from '../../test/factories.js';
import { sweepExpiredCredentials } from './sweep-job.js';

describe('auth.sweep', () => {
  it('deletes expired sessions and old idempotency keys, and keeps live ones', async () => {
    const db = await testDatabase();
    const ws = await buildWorkspace(db);
    const customer = await buildCustomer(db, ws);
    const now = new Date('2030-01-10T12:00:00Z');
    await inWorkspace(db, ws.id, async (tx) => {
      const owner = { customerId: customer.id };
      await createSession(tx, {
        workspaceId: ws.id,
        owner,
        userAgent: 'old',
        now: new Date('2030-01-01T00:00:00Z'),
        ttlHours: 1,
      });
      await createSession(tx, { workspaceId: ws.id, owner, userAgent: 'live', now, ttlHours: 1 });
      await tx
        .insertInto('idempotency_keys')
        .values([
          {
            workspace_id: ws.id,
            principal: 'p',
            key: 'old',
            request_hash: 'h',
            created_at: new Date('2030-01-09T11:00:00Z'),
          },
          {
            workspace_id: ws.id,
            principal: 'p',
            key: 'new',
            request_hash: 'h',
            created_at: new Date('2030-01-10T11:00:00Z'),
          },
        ])
        .execute();
    });
    const removed = await sweepExpiredCredentials(db, now);
    expect(removed.sessions).toBeGreaterThanOrEqual(1);
    expect(removed.idempotency_keys).toBeGreaterThanOrEqual(1);
    const left = await inWorkspace(db, ws.id, async (tx) => ({
      sessions: (
        await tx.selectFrom('sessions').select('user_agent').where('workspace_id', '=', ws.id).execute()
      ).map((r) => r.user_agent),
      keys: (
        await tx.selectFrom('idempotency_keys').select('key').where('workspace_id', '=', ws.id).execute()
      ).map((r) => r.key),
    }));
    expect(left).toEqual({ sessions: ['live'], keys: ['new'] });
  });
});
