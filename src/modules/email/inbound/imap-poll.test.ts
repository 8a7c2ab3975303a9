import { randomBytes } from 'node:crypto';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSystem, inWorkspace } from '../../../db/tenant.js';
import { testApp } from '../../../test/app.js';
import { startDovecot, type TestDovecot } from '../../../test/dovecot.js';
import { buildWorkspace, unique } from '../../../test/factories.js';
import { secretBox } from '../mailboxes/secret-box.js';
import { pollMailbox } from './imap-poll.js';
import { sweepInbound } from './jobs.js';
import { processInboundEmail } from './process-inbound.js';
import { compose, processDeps } from './test-kit.js';

const t = await testApp();
const { db } = t;
const secrets = secretBox(randomBytes(32));
let dovecot: TestDovecot;

beforeAll(async () => {
  dovecot = await startDovecot();
}, 120_000);
afterAll(async () => {
  await dovecot.stop();
});

async function imap<T>(fn: (c: ImapFlow) => Promise<T>): Promise<T> {
  const c = new ImapFlow({
    host: '127.0.0.1',
    port: dovecot.port,
    secure: false,
    auth: { user: dovecot.user, pass: dovecot.password },
    logger: false,
  });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.logout();
  }
}

async function setup(password = dovecot.password) {
  const ws = await buildWorkspace(db);
  // Each test its own folder on the one server.
  const folder = `T${unique()}`;
  await imap((c) => c.mailboxCreate(folder));
  const mailbox = await asSystem(db, (tx) =>
    tx
      .insertInto('mailboxes')
      .values({
        workspace_id: ws.id,
        address: `imap-${unique()}@inbound.test`,
        smtp_inbound: false,
        imap_host: '127.0.0.1',
        imap_port: dovecot.port,
        imap_tls: false,
        imap_user: dovecot.user,
        imap_password_enc: secrets.seal(password),
        imap_folder: folder,
      })
      .returningAll()
      .executeTakeFirstOrThrow(),
  );
  const append = async (subject: string) =>
    imap(async (c) => {
      await c.append(
        folder,
        await compose({ from: 'ivan@example.com', to: mailbox.address, subject, text: subject }),
      );
    });
  const deps = { db, jobs: t.deps.jobs, secrets, now: () => new Date(), log: t.deps.log };
  const rows = () =>
    inWorkspace(db, ws.id, (tx) => tx.selectFrom('inbound_emails').selectAll().orderBy('id').execute());
  const state = () =>
    asSystem(db, (tx) =>
      tx.selectFrom('mailboxes').selectAll().where('id', '=', mailbox.id).executeTakeFirstOrThrow(),
    );
  return { ws, mailbox, folder, append, deps, rows, state, poll: () => pollMailbox(deps, ws.id, mailbox.id) };
}

describe('IMAP polling against Dovecot', () => {
  it('stores new mail by UID, marks it seen after storing, and fetches each mail once', async () => {
    const s = await setup();
    await s.append('first');
    await s.append('second');
    expect(await s.poll()).toEqual({ stored: 2, fetched: 2, error: null });
    const rows = await s.rows();
    expect(rows.map((r) => r.source)).toEqual(['imap', 'imap']);
    const seen = await imap(async (c) => {
      await c.mailboxOpen(s.folder);
      const flags: boolean[] = [];
      for await (const m of c.fetch('1:*', { flags: true })) flags.push(m.flags?.has('\\Seen') ?? false);
      return flags;
    });
    expect(seen).toEqual([true, true]);
    expect(await s.state()).toMatchObject({
      state: 'ok',
      last_error: '',
      imap_last_uid: 2,
      imap_failures: 0,
    });

    expect(await s.poll()).toEqual({ stored: 0, fetched: 0, error: null });
    await s.append('third');
    expect(await s.poll()).toEqual({ stored: 1, fetched: 1, error: null });
    for (const r of await s.rows()) await processInboundEmail(processDeps(t), s.ws.id, r.id);
    const subjects = await inWorkspace(db, s.ws.id, (tx) =>
      tx.selectFrom('support_tickets').select('subject').orderBy('id').execute(),
    );
    expect(subjects.map((x) => x.subject)).toEqual(['first', 'second', 'third']);
  });

  it('stores more mail than one commit holds in chunks, in UID order, each seen and stored once', async () => {
    const s = await setup();
    // 120 mails: three chunks (50, 50, 20), appended in one session.
    await imap(async (c) => {
      for (let i = 0; i < 120; i++)
        await c.append(
          s.folder,
          await compose({
            from: `c${i}@example.com`,
            to: s.mailbox.address,
            subject: `m${i}`,
            text: `m${i}`,
          }),
        );
    });
    expect(await s.poll()).toEqual({ stored: 120, fetched: 120, error: null });
    const rows = await s.rows();
    expect(rows).toHaveLength(120);
    expect(new Set(rows.map((r) => r.message_id)).size).toBe(120);
    // Stored in UID order: the subjects of the raw mails follow the ids of the rows.
    expect(rows.map((r) => /^Subject: (m\d+)/m.exec(Buffer.from(r.raw).toString('latin1'))?.[1])).toEqual(
      Array.from({ length: 120 }, (_, i) => `m${i}`),
    );
    const seen = await imap(async (c) => {
      await c.mailboxOpen(s.folder);
      let n = 0;
      for await (const m of c.fetch('1:*', { flags: true })) if (m.flags?.has('\\Seen')) n++;
      return n;
    });
    expect(seen).toBe(120);
    expect(await s.state()).toMatchObject({ state: 'ok', imap_last_uid: 120 });
    expect(await s.poll()).toEqual({ stored: 0, fetched: 0, error: null });
  });

  it('starts over when UIDVALIDITY changes, storing nothing twice', async () => {
    const s = await setup();
    await s.append('one');
    await s.poll();
    await asSystem(db, (tx) =>
      tx.updateTable('mailboxes').set({ imap_uidvalidity: 1 }).where('id', '=', s.mailbox.id).execute(),
    );
    expect(await s.poll()).toEqual({ stored: 0, fetched: 1, error: null });
    expect(await s.rows()).toHaveLength(1);
    expect((await s.state()).imap_uidvalidity).not.toBe(1);
  });

  it('records a failure on the mailbox and backs off; one poller at a time', async () => {
    const s = await setup('wrong-password');
    await s.append('x');
    const result = await s.poll();
    expect(result.error).toBeTruthy();
    const failed = await s.state();
    expect(failed).toMatchObject({ state: 'error', imap_failures: 1, imap_lease_until: null });
    expect(failed.last_error).not.toBe('');
    expect(failed.imap_next_poll_at?.getTime()).toBeGreaterThan(Date.now());
    expect(await s.rows()).toHaveLength(0);

    // Leased by another poller: this one does nothing.
    const other = await setup();
    await other.append('y');
    await asSystem(db, (tx) =>
      tx
        .updateTable('mailboxes')
        .set({ imap_lease_until: new Date(Date.now() + 60_000) })
        .where('id', '=', other.mailbox.id)
        .execute(),
    );
    expect(await other.poll()).toEqual({ stored: 0, fetched: 0, error: null });
    expect(await other.rows()).toHaveLength(0);
  });

  it('the sweep enqueues due polls only', async () => {
    const due = await setup();
    const later = await setup();
    await asSystem(db, (tx) =>
      tx
        .updateTable('mailboxes')
        .set({ imap_next_poll_at: new Date(Date.now() + 3_600_000) })
        .where('id', '=', later.mailbox.id)
        .execute(),
    );
    const queued: number[] = [];
    const jobs = {
      ...t.deps.jobs,
      enqueue: (_tx: unknown, name: string, payload: { mailboxId?: number }) => {
        if (name === 'email.imap-poll' && payload.mailboxId) queued.push(payload.mailboxId);
        return Promise.resolve();
      },
    } as typeof t.deps.jobs;
    await sweepInbound({ db, jobs, now: () => new Date() });
    expect(queued).toContain(due.mailbox.id);
    expect(queued).not.toContain(later.mailbox.id);
  });
});
