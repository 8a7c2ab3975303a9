/**
 * The delivery job on the real queue: pg-boss workers run webhook.deliver, its retries come back through
 * pg-boss (startAfter), and the order per ticket holds. On PostgreSQL the file works in a database of its
 * own, since workers take every job of their database (other files' jobs included).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../db/client.js';
import { inWorkspace } from '../../db/tenant.js';
import { createPgBossQueue } from '../../platform/jobs/pg-boss-queue.js';
import { createLogger } from '../../platform/logger.js';
import { privateDatabase } from '../../test/db.js';
import { buildTicket, buildWorkspace } from '../../test/factories.js';
import { storedEvents } from '../../test/stored-events.js';
import { deliverWebhookJob } from './deliver-job.js';
import { webhookSubscriber } from './subscriber.js';
import { startReceiver } from './test-kit.js';

/** A database of this file's own: workers take every job of the database they poll. */
async function workerDatabase(): Promise<Database> {
  const own = await privateDatabase();
  const db = await openDatabase({ databaseUrl: own.url, dataDir: '', poolSize: 4 });
  afterAll(async () => {
    await db.close();
    await own.drop();
  });
  return db;
}

describe('webhook.deliver on pg-boss', () => {
  it('retries through the queue and delivers each event once, in order', async () => {
    const db = await workerDatabase();
    const receiver = await startReceiver(3620, (n) => ({ status: n < 2 ? 503 : 200 }));
    const jobs = createPgBossQueue(db.raw, { pollSeconds: 1, supervise: false });
    try {
      const ws = await buildWorkspace(db);
      const ticket = await buildTicket(db, ws);
      await inWorkspace(db, ws.id, (tx) =>
        tx
          .insertInto('webhook_subscriptions')
          .values({ workspace_id: ws.id, url: receiver.url, secret: 'k', event_types: ['*'] })
          .execute(),
      );
      for (const type of ['ticket.created', 'ticket.updated', 'ticket.rated']) {
        await inWorkspace(db, ws.id, (tx) =>
          // Raw rows: this test is about delivery, not about the events' payloads.
          tx
            .insertInto('domain_events')
            .values({ workspace_id: ws.id, type, subject_type: 'ticket', subject_id: ticket.id })
            .execute(),
        );
      }
      const events = await storedEvents(db, ws.id);
      const subscriber = webhookSubscriber({ db, jobs });
      for (const e of [...events, ...events]) await subscriber.handle(e);

      const log = createLogger('silent');
      const job = deliverWebhookJob({
        db,
        jobs,
        log,
        now: () => new Date(),
        allowPrivateTargets: true,
        retryDelay: () => 1,
      });
      await jobs.startWorkers([job]);
      const deadline = Date.now() + 25_000;
      while (receiver.accepted().length < events.length && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
      }
      const ids = receiver.accepted().map((r) => (JSON.parse(r.body) as { id: number }).id);
      expect(ids).toEqual(events.map((e) => e.id));
      expect(receiver.received.length).toBe(events.length + 2);
      const rows = await inWorkspace(db, ws.id, (tx) =>
        tx.selectFrom('webhook_deliveries').select(['status', 'attempts']).orderBy('id').execute(),
      );
      expect(rows).toEqual([
        { status: 'succeeded', attempts: 3 },
        { status: 'succeeded', attempts: 1 },
        { status: 'succeeded', attempts: 1 },
      ]);
    } finally {
      await jobs.stop();
      await receiver.close();
    }
  });
});
