/**
 * Two app processes on one PostgreSQL (issue 11): each has its app, its dispatcher with the product's
 * real subscribers (src/subscribers.ts) and its pg-boss workers (src/jobs.ts). Requests go to either;
 * every customer mail reaches the SMTP sink once and every webhook delivery the receiver once. The file
 * works in a database of its own, since dispatchers and workers take everything of their database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { simpleParser } from 'mailparser';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../app.js';
import { loadConfig } from '../../../config.js';
import { openDatabase, type Database } from '../../../db/client.js';
import { asSystem, inWorkspace } from '../../../db/tenant.js';
import { jobDefinitions } from '../../../jobs.js';
import type { AppDeps } from '../../../platform/deps.js';
import { startDispatcher, type Dispatcher } from '../../../platform/events/dispatcher.js';
import { openNotifications } from '../../../platform/events/notifications.js';
import { createRealtime } from '../../../platform/events/realtime.js';
import type { EventSubscriber } from '../../../platform/events/subscriber.js';
import { createPgBossQueue } from '../../../platform/jobs/pg-boss-queue.js';
import { createLogger } from '../../../platform/logger.js';
import { createDiskStorage } from '../../../platform/storage/disk-storage.js';
import { eventSubscribers } from '../../../subscribers.js';
import { asBearer, TEST_SECRET } from '../../../test/app.js';
import { privateDatabase } from '../../../test/db.js';
import {
  buildAdmin,
  buildCustomer,
  buildWorkspace,
  customerSession,
  unique,
} from '../../../test/factories.js';
import { startSmtpSink } from '../../../test/smtp-sink.js';
import { startReceiver } from '../../webhooks/test-kit.js';

const log = createLogger('silent');
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function until(probe: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 200));
  }
}

interface Process {
  app: FastifyInstance;
  dispatcher: Dispatcher;
}

/** One app process: its own pool, app, dispatcher (woken by NOTIFY) and workers on the shared database. */
async function startProcess(
  url: string,
  env: Record<string, string>,
  handled: { process: number; subscriber: string; event: number }[],
  n: number,
): Promise<Process> {
  const db: Database = await openDatabase({ databaseUrl: url, dataDir: '', poolSize: 4 });
  const storageDir = mkdtempSync(path.join(tmpdir(), 'bfg2-two-'));
  const config = loadConfig({ DATA_DIR: storageDir, LOG_LEVEL: 'silent', ...env });
  const jobs = createPgBossQueue(db.raw, { pollSeconds: 0.5, supervise: true });
  const deps: AppDeps = {
    config: { ...config, sessionSecret: TEST_SECRET },
    db,
    jobs,
    storage: createDiskStorage(storageDir),
    now: () => new Date(),
    log,
    realtime: createRealtime(db, log),
  };
  const app = await buildApp(deps);
  const counted = eventSubscribers(deps).map((s): EventSubscriber => ({
    ...s,
    async handle(e) {
      await s.handle(e);
      handled.push({ process: n, subscriber: s.name, event: e.id });
    },
  }));
  const dispatcher = startDispatcher({ db, subscribers: counted, log, pollMs: 1000 });
  const notifications = await openNotifications(db, log);
  notifications.onEvents(() => dispatcher.wake());
  const workers = jobDefinitions(deps);
  await jobs.startWorkers(workers.definitions);
  cleanups.push(async () => {
    await dispatcher.stop();
    await notifications.close();
    await app.close();
    await jobs.stop();
    await workers.close();
    await deps.realtime.stop();
    await db.close();
    rmSync(storageDir, { recursive: true, force: true });
  });
  return { app, dispatcher };
}

describe('two app processes on one database', () => {
  it('send each customer mail and deliver each webhook exactly once', async () => {
    const own = await privateDatabase();
    cleanups.push(() => own.drop());
    const sink = await startSmtpSink();
    cleanups.push(() => sink.close());
    const receiver = await startReceiver(0);
    cleanups.push(() => receiver.close());
    const env = {
      SMTP_URL: sink.url,
      MAIL_FROM: 'help@example.test',
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
      MAIL_ACK_CAP_PER_HOUR: '100',
    };

    // The workspace first, so that both dispatchers' cursors start before its events.
    const setupDb = await openDatabase({ databaseUrl: own.url, dataDir: '', poolSize: 2 });
    const ws = await buildWorkspace(setupDb);
    const admin = await buildAdmin(setupDb, ws);
    await inWorkspace(setupDb, ws.id, async (tx) => {
      await tx
        .insertInto('mailboxes')
        .values({ workspace_id: ws.id, address: `support-${unique()}@shop.example`, display_name: 'Shop' })
        .execute();
      await tx
        .insertInto('webhook_subscriptions')
        .values({
          workspace_id: ws.id,
          url: receiver.url,
          secret: 'k',
          event_types: ['ticket.created', 'message.created'],
        })
        .execute();
    });
    const customers = [];
    for (let i = 0; i < 3; i++) {
      const c = await buildCustomer(setupDb, ws);
      customers.push({ ...c, session: await customerSession(setupDb, ws, c.id) });
    }
    await setupDb.close();

    const handled: { process: number; subscriber: string; event: number }[] = [];
    const processes = [
      await startProcess(own.url, env, handled, 1),
      await startProcess(own.url, env, handled, 2),
    ];

    // Six tickets and a staff reply on each, through either process.
    const tickets = 6;
    for (let i = 0; i < tickets; i++) {
      const p = processes[i % 2]!;
      const c = customers[i % customers.length]!;
      const opened = await p.app.inject({
        method: 'POST',
        url: '/api/support/tickets/',
        headers: c.session,
        payload: { subject: `Question ${i}`, description: 'Hello' },
      });
      expect(opened.statusCode, opened.body).toBe(201);
      const replied = await processes[(i + 1) % 2]!.app.inject(
        asBearer(admin.token, {
          method: 'POST',
          url: `/api/support/tickets/${opened.json<{ id: number }>().id}/reply/`,
          payload: { message: `Answer ${i}` },
        }),
      );
      expect(replied.statusCode, replied.body).toBe(201);
    }

    const mails = tickets * 2; // an acknowledgement and a reply each
    const events = await asSystemCount(own.url, ws.id);
    await until(async () => sink.mails.length >= mails && receiver.accepted().length >= events.webhook);
    // Give a duplicate the time to show up, then make sure both dispatchers are idle.
    await new Promise((r) => setTimeout(r, 1500));
    await Promise.all(processes.map((p) => p.dispatcher.drain()));

    const ids = await Promise.all(sink.mails.map(async (m) => (await simpleParser(m.raw)).messageId));
    expect(ids.length).toBe(mails);
    expect(new Set(ids).size).toBe(mails);
    const bodies = receiver.accepted().map((r) => (JSON.parse(r.body) as { id: number }).id);
    expect(bodies.length).toBe(events.webhook);
    expect(new Set(bodies).size).toBe(events.webhook);

    // Each event went to each background subscriber once, whichever process took it.
    for (const name of ['email-outbound', 'webhooks']) {
      const seen = handled.filter((h) => h.subscriber === name).map((h) => h.event);
      expect(new Set(seen).size, name).toBe(seen.length);
    }
  }, 120_000);
});

/** How many of the workspace's events the webhook subscription takes. */
async function asSystemCount(url: string, workspaceId: number): Promise<{ webhook: number }> {
  const db = await openDatabase({ databaseUrl: url, dataDir: '', poolSize: 1 });
  try {
    const row = await asSystem(db, (tx) =>
      tx
        .selectFrom('domain_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('workspace_id', '=', workspaceId)
        .where('type', 'in', ['ticket.created', 'message.created'])
        .executeTakeFirstOrThrow(),
    );
    return { webhook: Number(row.n) };
  } finally {
    await db.close();
  }
}
