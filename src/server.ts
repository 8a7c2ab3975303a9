/**
 * The process: validated config, the database, the HTTP server and/or the job workers (PROCESS_ROLE
 * web | worker | all), and a graceful shutdown on SIGTERM/SIGINT.
 */
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { resolveSessionSecret, type Config } from './config.js';
import { openDatabase, type Database } from './db/client.js';
import { migrate, pendingMigrations } from './db/migrate.js';
import { jobDefinitions } from './jobs.js';
import type { AppDeps } from './platform/deps.js';
import { startDispatcher, type Dispatcher } from './platform/events/dispatcher.js';
import { createRealtime } from './platform/events/realtime.js';
import { createPgBossQueue } from './platform/jobs/pg-boss-queue.js';
import { createLogger } from './platform/logger.js';
import { createDiskStorage } from './platform/storage/disk-storage.js';
import { eventSubscribers } from './subscribers.js';

const WORKER_START_DELAY_MS = 1000;

export interface RunningServer {
  app: FastifyInstance | null;
  deps: AppDeps;
  url: string | null;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Apply pending migrations first (npm start does; production runs `bfg2-support migrate`). */
  migrate?: boolean;
  /** Runs after migrations, before listening (the demo seed on first run). */
  beforeListen?: (db: Database) => Promise<void>;
}

export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const secret = resolveSessionSecret(config);
  const log = createLogger(config.logLevel);
  const open = () =>
    openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      // The warm-up search runs after migrations and the demo seed, while the HTTP server starts (below).
      warmUp: 'deferred',
      onPGliteReopen: (attempt) =>
        log.warn({ attempt }, 'the embedded database failed its warm-up search; reopened it'),
    });
  const db = await open();
  try {
    if (options.migrate) await migrate(db.raw);
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

  // Queued on the embedded database's lock before anything else can ask it: the first search is the
  // warm-up's (db/pglite-warm-up.ts); requests that come meanwhile wait the few hundred ms it takes.
  const warming = db.warmUp().then(
    () => null,
    (err: unknown) => err,
  );
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
      // e.g. EADDRINUSE: release the database (and its data-dir lock) before giving up.
      await app?.close().catch(() => undefined);
      await deps.realtime.stop();
      await db.close();
      throw err;
    }
  }
  if (config.role !== 'web') {
    // Background subscribers run once per event across the worker processes (platform/events/cursors.ts).
    const running = startDispatcher({ db, subscribers: eventSubscribers(deps), log });
    (await deps.realtime.notifications()).onEvents(() => running.wake());
    dispatcher = running;
  }
  const workers = config.role !== 'web' ? jobDefinitions(deps) : null;
  let workerStart: NodeJS.Timeout | null = null;
  if (workers) {
    // HTTP first: on PGlite the workers' start-up queries share the one session with requests, and jobs
    // wait safely in the database for the second it takes.
    workerStart = setTimeout(
      () =>
        void jobs
          .startWorkers(workers.definitions)
          .catch((err: unknown) => log.error({ err }, 'job workers failed')),
      app ? WORKER_START_DELAY_MS : 0,
    );
  }

  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      if (workerStart) clearTimeout(workerStart);
      await app?.close();
      await dispatcher?.stop();
      await deps.realtime.stop();
      await jobs.stop();
      await workers?.close();
      await db.close();
    })());
  void warming.then((err) => {
    if (err === null) return;
    log.fatal({ err }, 'the embedded database failed its warm-up search every time; stopping');
    process.exitCode = 1;
    void stop();
  });
  return { app, deps, url, stop };
}

/** Stops cleanly on SIGTERM/SIGINT: no new requests, in-flight ones finish, workers drain, DB closes. */
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
