import { describe, expect, it } from 'vitest';
import type { OutboundEmailStatus } from '../../db/schema.js';
import { asSystem, inWorkspace } from '../../db/tenant.js';
import { testDatabase } from '../../test/db.js';
import { buildWorkspace } from '../../test/factories.js';
import { createPgBossQueue } from '../jobs/pg-boss-queue.js';
import { createLogger } from '../logger.js';
import { queueEmail } from './queue-email.js';
import { INTERRUPTED_ERROR, sweepEmailJob } from './sweep-job.js';

async function setup() {
  const db = await testDatabase();
  const workspace = await buildWorkspace(db);
  const jobs = createPgBossQueue(db.raw, { pollSeconds: 1, supervise: false });
  const sweep = sweepEmailJob({ db, jobs, log: createLogger('silent') });

  /** A queued mail, aged and put in the given state; `job` says what became of its mail.send job. */
  async function mail(opts: {
    ageMinutes: number;
    status: OutboundEmailStatus;
    job: 'queued' | 'active' | 'gone';
  }) {
    const { id } = await inWorkspace(db, workspace.id, (tx) =>
      queueEmail(tx, jobs, { workspaceId: workspace.id, to: 'x@example.test', subject: 's', text: 't' }),
    );
    await db.raw.query(
      `UPDATE outbound_emails SET status = $2, created_at = now() - make_interval(mins => $3::int) WHERE id = $1`,
      [id, opts.status, opts.ageMinutes],
    );
    if (opts.job === 'gone') await db.raw.query(`DELETE FROM pgboss.job WHERE ${jobOf}`, [String(id)]);
    if (opts.job === 'active') {
      await db.raw.query(`UPDATE pgboss.job SET state = 'active', started_on = now() WHERE ${jobOf}`, [
        String(id),
      ]);
    }
    return id;
  }

  const unfinishedJobs = async (id: number) =>
    (
      await db.raw.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pgboss.job WHERE ${jobOf} AND state < 'completed'`,
        [String(id)],
      )
    ).rows[0]?.n;
  const row = (id: number) =>
    asSystem(db, (tx) =>
      tx
        .selectFrom('outbound_emails')
        .select(['status', 'last_error'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow(),
    );
  return { sweep, mail, unfinishedJobs, row };
}

const jobOf = `name = 'mail.send' AND data->>'outboundEmailId' = $1`;

describe('mail.sweep', () => {
  it('re-enqueues a pending mail whose job was lost, once', async () => {
    const { sweep, mail, unfinishedJobs } = await setup();
    const lost = await mail({ ageMinutes: 3, status: 'pending', job: 'gone' });
    const recent = await mail({ ageMinutes: 0, status: 'pending', job: 'gone' });
    const waiting = await mail({ ageMinutes: 10, status: 'pending', job: 'queued' });

    await sweep.handler({});
    await sweep.handler({});

    expect(await unfinishedJobs(lost)).toBe(1);
    expect(await unfinishedJobs(recent)).toBe(0);
    expect(await unfinishedJobs(waiting)).toBe(1);
  });

  it('marks a mail interrupted mid-send failed instead of sending it again', async () => {
    const { sweep, mail, unfinishedJobs, row } = await setup();
    const interrupted = await mail({ ageMinutes: 61, status: 'sending', job: 'gone' });
    const inProgress = await mail({ ageMinutes: 61, status: 'sending', job: 'active' });
    const recent = await mail({ ageMinutes: 30, status: 'sending', job: 'gone' });

    await sweep.handler({});

    expect(await row(interrupted)).toEqual({ status: 'failed', last_error: INTERRUPTED_ERROR });
    expect(await unfinishedJobs(interrupted)).toBe(0);
    expect((await row(inProgress)).status).toBe('sending');
    expect((await row(recent)).status).toBe('sending');
  });
});
