/**
 * JobQueue on pg-boss. pg-boss talks through our RawDatabase (its custom `db` option), so it shares the
 * app's pool. Jobs are inserted through the caller's Kysely transaction: they exist only if that
 * transaction commits.
 */
import { CompiledQuery, sql } from 'kysely';
import PgBoss from 'pg-boss';
import type { RawDatabase, RawExecutor } from '../../db/raw.js';
import type { Tx } from '../../db/tenant.js';
import type { EnqueueOptions, JobDefinition, JobName, JobPayloads, JobQueue } from './queue.js';
import { JOBS_CHANNEL, QUEUES } from './queues.js';

export const JOB_SCHEMA = 'pgboss';
/** The internal queue through which pg-boss 10 sends scheduled (cron) jobs (timekeeper.js). */
const PG_BOSS_CRON_QUEUE = '__pgboss__send-it';

interface BossDb {
  executeSql(text: string, values: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * pg-boss's statements are a few fixed texts (their values are parameters), its fetch run by every
 * worker at every poll and wake: each is prepared once per connection (planning took 1.1 of the
 * fetch's 1.9 ms in the email bench).
 */
function rawAdapter(raw: RawExecutor): BossDb {
  return { executeSql: (text, values) => raw.query(text, values, { prepare: true }) };
}

function txAdapter(tx: Tx): BossDb {
  return {
    async executeSql(text, values) {
      const r = await tx.executeQuery(CompiledQuery.raw(text, values));
      return { rows: r.rows };
    },
  };
}

/**
 * Creates (or upgrades) pg-boss's schema and our queues, and lets the application role use them.
 * Called by `migrate`; idempotent.
 */
export async function installJobSchema(raw: RawDatabase): Promise<void> {
  await raw.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(4242000002)');
    const exists = await tx.query<{ ok: boolean }>(
      `SELECT to_regnamespace('${JOB_SCHEMA}') IS NOT NULL AS ok`,
    );
    if (!exists.rows[0]?.ok) await tx.query(PgBoss.getConstructionPlans(JOB_SCHEMA));
    // pg-boss's cron creates its queue when a worker first starts: a partition table and its indexes, DDL
    // that the first requests of a new install would wait behind. Here it is migrate's.
    for (const name of [...QUEUES, PG_BOSS_CRON_QUEUE]) {
      await tx.query(`SELECT ${JOB_SCHEMA}.create_queue($1, $2::json)`, [
        name,
        JSON.stringify({ policy: 'standard' }),
      ]);
    }
    // Tenant transactions only add jobs. INSERT … RETURNING id needs SELECT on id alone, and job payloads
    // have no row-level security, so the application role must not read them (other workspaces' data).
    // Revoking the table privilege first also upgrades installs that granted SELECT on the whole table.
    await tx.query(`GRANT USAGE ON SCHEMA ${JOB_SCHEMA} TO bfg2_app`);
    await tx.query(`REVOKE SELECT ON ${JOB_SCHEMA}.job FROM bfg2_app`);
    await tx.query(`GRANT INSERT, SELECT (id) ON ${JOB_SCHEMA}.job TO bfg2_app`);
    await tx.query(`GRANT SELECT ON ${JOB_SCHEMA}.queue TO bfg2_app`);
    // A new job that is due now wakes its queue's workers in every process at commit (NOTIFY, payload: the
    // queue's name; server.ts → wake()), so a job enqueued by a web process starts at once rather than at
    // the worker's next poll. A job due later is found by the poll. A row trigger on the partitioned
    // table is cloned onto every queue's partition, also those create_queue attaches later.
    await tx.query(`
      CREATE OR REPLACE FUNCTION ${JOB_SCHEMA}.bfg2_job_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.start_after <= now() THEN PERFORM pg_notify('${JOBS_CHANNEL}', NEW.name); END IF;
        RETURN NULL;
      END $$`);
    await tx.query(`DROP TRIGGER IF EXISTS bfg2_job_inserted ON ${JOB_SCHEMA}.job`);
    await tx.query(
      `CREATE TRIGGER bfg2_job_inserted AFTER INSERT ON ${JOB_SCHEMA}.job FOR EACH ROW ` +
        `EXECUTE FUNCTION ${JOB_SCHEMA}.bfg2_job_inserted()`,
    );
  });
}

export interface PgBossQueueOptions {
  pollSeconds: number;
  /** Run pg-boss maintenance and cron scheduling (worker processes only). */
  supervise: boolean;
  onError?: (err: Error) => void;
}

/**
 * The JobQueue of a process. Sending needs no start; startWorkers() starts pg-boss (polling, and with
 * `supervise` its maintenance and cron) and works the given definitions.
 */
export function createPgBossQueue(
  raw: RawDatabase,
  options: PgBossQueueOptions,
): JobQueue & Required<Pick<JobQueue, 'enqueueMany' | 'insertJobsFrom' | 'wake'>> & { boss: PgBoss } {
  const boss = new PgBoss({
    db: rawAdapter(raw),
    schema: JOB_SCHEMA,
    migrate: false,
    supervise: options.supervise,
    schedule: options.supervise,
  });
  boss.on('error', (err) => options.onError?.(err));
  let started: Promise<unknown> | null = null;
  const workerIds = new Map<string, string>();

  return {
    boss,
    async enqueue<N extends JobName>(tx: Tx, name: N, payload: JobPayloads[N], opts: EnqueueOptions = {}) {
      const id = await boss.send(name, payload as object, {
        db: txAdapter(tx),
        ...(opts.singletonKey ? { singletonKey: opts.singletonKey } : {}),
        ...(opts.startAfterSeconds ? { startAfter: opts.startAfterSeconds } : {}),
      });
      if (id === null && !opts.singletonKey) throw new Error(`job queue ${name} does not exist; run migrate`);
    },
    async enqueueMany<N extends JobName>(tx: Tx, name: N, payloads: JobPayloads[N][]) {
      if (payloads.length === 0) return;
      // One INSERT … SELECT FROM json_to_recordset for all of them, with the queue's retry settings (a
      // queue that does not exist inserts nothing: migrate creates every queue of QUEUES).
      await boss.insert(
        payloads.map((data) => ({ name, data })),
        { db: txAdapter(tx) },
      );
    },
    insertJobsFrom(name: JobName, from: string) {
      // boss.insert's statement (pg-boss 10, plans.js insertJobs) for jobs without options, with this
      // process's constructor defaults (none): the queue's settings, else pg-boss's.
      return sql`
        INSERT INTO ${sql.id(JOB_SCHEMA, 'job')} (id, name, data, priority, start_after, dead_letter,
          expire_in, keep_until, retry_limit, retry_delay, retry_backoff, policy)
        SELECT gen_random_uuid(), q.name, j.data, 0, now(), q.dead_letter,
          coalesce(q.expire_seconds * interval '1s', interval '15 minutes'),
          now() + CAST(coalesce((q.retention_minutes * 60)::text, '14 days') AS interval),
          coalesce(q.retry_limit, 2),
          CASE WHEN coalesce(q.retry_backoff, false) THEN greatest(q.retry_delay, 1)
               ELSE coalesce(q.retry_delay, 0) END,
          coalesce(q.retry_backoff, false), q.policy
        FROM ${sql.table(from)} j JOIN ${sql.id(JOB_SCHEMA, 'queue')} q ON q.name = ${name}
        ON CONFLICT DO NOTHING`;
    },
    async startWorkers(definitions: JobDefinition[]) {
      started ??= boss.start();
      await started;
      for (const def of definitions) {
        await boss.updateQueue(def.name, {
          name: def.name,
          retryLimit: def.retryLimit ?? 5,
          retryDelay: def.retryDelaySeconds ?? 10,
          retryBackoff: def.retryBackoff ?? true,
        });
        const batchSize = Math.max(1, def.batchSize ?? 1);
        let workerId = '';
        workerId = await boss.work(
          def.name,
          { pollingIntervalSeconds: options.pollSeconds, batchSize },
          async (jobs) => {
            if (def.handleBatch) await def.handleBatch(jobs.map((job) => job.data as never));
            else for (const job of jobs) await def.handler(job.data as never);
            // pg-boss waits the polling interval after every fetch; a full batch means more are waiting.
            if (jobs.length >= batchSize && workerId) boss.notifyWorker(workerId);
          },
        );
        workerIds.set(def.name, workerId);
        if (def.schedule) await boss.schedule(def.name, def.schedule, {});
      }
    },
    wake(name: JobName) {
      const id = workerIds.get(name);
      if (id) boss.notifyWorker(id);
    },
    async stop() {
      if (started) await boss.stop({ graceful: true, wait: true, close: false, timeout: 10_000 });
    },
  };
}
