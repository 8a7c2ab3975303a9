/**
 * Workers poll seldom (JOB_POLL_SECONDS); a committed job wakes its queue's worker through NOTIFY
 * (installJobSchema's trigger → the process's LISTEN connection → JobQueue.wake). The poll here is 10
 * minutes, so a job that runs within the test's time was woken.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../db/client.js';
import { inWorkspace } from '../../db/tenant.js';
import { privateDatabase, type PrivateDatabase } from '../../test/db.js';
import { buildWorkspace } from '../../test/factories.js';
import { openNotifications, type ProcessNotifications } from '../events/notifications.js';
import { createLogger } from '../logger.js';
import { createPgBossQueue } from './pg-boss-queue.js';
import type { JobDefinition } from './queue.js';
// The job payloads the modules declare (mail.send's among them).
import type {} from '../../jobs.js';

const log = createLogger('silent');
let database: PrivateDatabase;
let db: Database;
let notifications: ProcessNotifications;
let jobs: ReturnType<typeof createPgBossQueue>;
const handled = new Map<number, number>();
const waiting = new Map<number, () => void>();

beforeAll(async () => {
  database = await privateDatabase();
  db = await openDatabase({ databaseUrl: database.url, dataDir: '', poolSize: 4 });
  jobs = createPgBossQueue(db.raw, { pollSeconds: 600, supervise: false });
  notifications = await openNotifications(db, log);
  notifications.onJobs((name) => {
    if (name === 'mail.send') jobs.wake?.(name);
  });
  const mailSend: JobDefinition<'mail.send'> = {
    name: 'mail.send',
    handler(payload) {
      const id = payload.outboundEmailId;
      handled.set(id, Date.now());
      waiting.get(id)?.();
      return Promise.resolve();
    },
  };
  await jobs.startWorkers([mailSend]);
});

afterAll(async () => {
  await jobs?.stop();
  await notifications?.close();
  await db?.close();
  await database?.drop();
});

function ran(id: number): Promise<number> {
  return new Promise((resolve) => {
    const done = handled.get(id);
    if (done !== undefined) resolve(done);
    else waiting.set(id, () => resolve(handled.get(id) as number));
  });
}

describe('a committed job', () => {
  it('wakes its worker at once, though the next poll is 10 minutes away', async () => {
    const ws = await buildWorkspace(db);
    const sent = Date.now();
    await inWorkspace(db, ws.id, (tx) =>
      jobs.enqueue(tx, 'mail.send', { workspaceId: ws.id, outboundEmailId: 1 }),
    );
    const at = await ran(1);
    expect(at - sent).toBeLessThan(60_000);
  }, 90_000);

  it('in a backlog, does not wait a poll after each job', async () => {
    const ws = await buildWorkspace(db);
    await inWorkspace(db, ws.id, async (tx) => {
      for (let id = 10; id < 15; id++)
        await jobs.enqueue(tx, 'mail.send', { workspaceId: ws.id, outboundEmailId: id });
    });
    for (let id = 10; id < 15; id++) await ran(id);
    expect([10, 11, 12, 13, 14].every((id) => handled.has(id))).toBe(true);
  }, 90_000);

  it('is not run when its transaction rolls back', async () => {
    const ws = await buildWorkspace(db);
    await expect(
      inWorkspace(db, ws.id, async (tx) => {
        await jobs.enqueue(tx, 'mail.send', { workspaceId: ws.id, outboundEmailId: 3 });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await inWorkspace(db, ws.id, (tx) =>
      jobs.enqueue(tx, 'mail.send', { workspaceId: ws.id, outboundEmailId: 4 }),
    );
    await ran(4);
    expect(handled.has(3)).toBe(false);
  }, 90_000);
});
