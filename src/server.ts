/**
 * The process: validated config, the database, the HTTP server and/or the job workers (PROCESS_ROLE
 * web | worker | all), and a graceful shutdown on SIGTERM/SIGINT.
 */
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { resolveSessionSecret, type Config } from './config.js';
import type { Database } from './db/client.js';
import { pendingMigrations } from './db/migrate.js';
import { migrateDatabase } from './platform/migrate-database.js';
import { jobDefinitions } from './jobs.js';
import { openConfiguredDatabase } from './open-configured-database.js';
import type { AppDeps } from './platform/deps.js';
import { startDispatcher, type Dispatcher } from './platform/events/dispatcher.js';
import { createRealtime } from './platform/events/realtime.js';
import { createPgBossQueue } from './platform/jobs/pg-boss-queue.js';
import type { JobName } from './platform/jobs/queue.js';
import { QUEUES } from './platform/jobs/queues.js';
import { createLogger, type Logger } from './platform/logger.js';
import { createDiskStorage } from './platform/storage/disk-storage.js';
import { eventSubscribers } from './subscribers.js';
import {
  configureMailReaders,
  startSmtpListener,
  stopMailReaders,
  type RunningListener,
} from './modules/email/index.js';

export interface RunningServer {
  app: FastifyInstance | null;
  deps: AppDeps;
  url: string | null;
  /** The inbound SMTP listener's port, when it runs in this process. */
  smtpPort: number | null;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Apply pending migrations first (npm start does; production runs `bfg2-support migrate`). */
  migrate?: boolean;
  /** Runs after migrations, before listening (the demo seed on first run). */
  beforeListen?: (db: Database) => Promise<void>;
  /**
   * The database already being opened, with `log` its logger: `serve` starts opening it before it loads
   * the HTTP stack, so that the embedded PostgreSQL starts (in its own processes) meanwhile.
   */
  database?: { db: Promise<Database>; log: Logger };
}

export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const secret = resolveSessionSecret(config);
  const log = options.database?.log ?? createLogger(config.logLevel);
  const db = await (options.database?.db ?? openConfiguredDatabase(config, log));
  try {
    if (options.migrate) await migrateDatabase(db.raw);
    const pending = await pendingMigrations(db.raw);
    if (pending.length > 0) {
      throw new Error(
        `${pending.length} migration(s) pending (${pending[0]} …); run \`bfg2-support migrate\` first`,
      );
    }
    if (options.beforeListen) await options.beforeListen(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  const jobs = createPgBossQueue(db.raw, {
    pollSeconds: config.jobPollSeconds,
    supervise: config.role !== 'web',
    onError: (err) => log.error({ err }, 'job queue error'),
  });
  const deps: AppDeps = {
    config: { ...config, sessionSecret: secret },
    db,
    jobs,
    storage: createDiskStorage(config.dataDir),
    now: () => new Date(),
    log,
    realtime: createRealtime(db, log),
  };

  let app: FastifyInstance | null = null;
  let url: string | null = null;
  let dispatcher: Dispatcher | null = null;
  if (config.role !== 'worker') {
    try {
      // Every web process reads committed events for its own streams (clients of any process get all).
      await deps.realtime.feed();
      app = await buildApp(deps);
      url = await app.listen({ port: config.port, host: config.host });
    } catch (err) {
      // e.g. EADDRINUSE: release the database (stopping the embedded one this process started) first.
      await app?.close().catch(() => undefined);
      await deps.realtime.stop();
      await db.close();
      throw err;
    }
  }
  if (config.role !== 'web') {
    // Background subscribers run once per event across the worker processes (platform/events/cursors.ts).
    const running = startDispatcher({
      db,
      subscribers: eventSubscribers(deps),
      log,
      // Never all connections on cursors whose handlers wait for another one (dispatcher.ts).
      concurrency: Math.max(1, Math.floor(config.databasePoolSize / 2)),
      // Under a stream of commits (inbound mail: one per batch) each subscriber reads the log at most 5
      // times a second, taking many commits' events per read (bench/email-ingest.ts: 2.1 → 1.7 statements
      // per mail against 20 reads a second); a first event after a quiet spell goes at once.
      minGapMs: 200,
    });
    (await deps.realtime.notifications()).onEvents(() => running.wake());
    dispatcher = running;
  }
  const workers = config.role !== 'web' ? jobDefinitions(deps) : null;
  // Inbound mail is parsed on threads of its own (email/inbound/mail-reader.ts).
  if (workers) configureMailReaders(config.mailReaderThreads);
  // Inbound mail: stored durably by the listener, processed by the workers' `email.process` jobs.
  let listener: RunningListener | null = null;
  if (config.role !== 'web' && config.smtpListener === true) {
    try {
      const notifications = await deps.realtime.notifications();
      listener = await startSmtpListener({
        db,
        jobs,
        log,
        port: config.smtpPort,
        host: config.host,
        maxBytes: config.smtpMaxBytes,
        onMailboxChange: (fn) => notifications.onMailboxes(fn),
      });
    } catch (err) {
      log.error({ err, port: config.smtpPort }, 'SMTP listener could not start');
      await app?.close().catch(() => undefined);
      await dispatcher?.stop();
      await deps.realtime.stop();
      await db.close();
      throw err;
    }
  }
  if (workers) {
    // A job committed by any process wakes its queue's worker here at once; the poll is the safety net.
    const wake = (name: string) => jobs.wake?.(name as JobName);
    (await deps.realtime.notifications()).onJobs((name) => (name ? wake(name) : QUEUES.forEach(wake)));
  }
  const workersStarted = workers
    ? jobs.startWorkers(workers.definitions).catch((err: unknown) => log.error({ err }, 'job workers failed'))
    : Promise.resolve();

  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      await listener?.close();
      await app?.close();
      await workersStarted;
      await dispatcher?.stop();
      await deps.realtime.stop();
      await jobs.stop();
      await workers?.close();
      await stopMailReaders();
      await db.close();
    })());
  return { app, deps, url, smtpPort: listener?.port ?? null, stop };
}

/**
 * Stops cleanly on SIGTERM/SIGINT: no new requests, in-flight ones finish, workers drain, the database
 * closes (and the embedded PostgreSQL stops when this process started it and no other one uses it).
 */
export function stopOnSignals(server: RunningServer, log: (msg: string) => void): void {
  const onSignal = (signal: NodeJS.Signals) => {
    log(`received ${signal}, shutting down`);
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    server.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}
