import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  configureMailReaders,
  readAhead,
  readerThreadTasks,
  readStoredMail,
  readStoredMails,
} from './mail-reader.js';
import { readMail, UnreadableMailError } from './read-mail.js';
import { fixture } from './test-kit.js';

const vars = { TO: 'support@reader.test' };
/** The database the rows would be read from: what was read ahead is kept per database. */
const db = {};
let nextId = -1;
/** A row as the processing job reads it (ids below zero: no stored row has them). */
const row = (raw: Buffer) => ({ id: nextId--, raw });
type Row = { id: number; raw: Uint8Array };
/** The rows' bytes as rawsOf gives them: the test holds them, processing reads them from the database. */
const held = (rows: Row[]) => async (ids: number[]) =>
  new Map(rows.filter((r) => ids.includes(r.id)).map((r) => [r.id, r.raw] as const));
const readOne = (database: object, r: Row) => readStoredMail(database, r, held([r]));
const readMany = (database: object, rows: Row[]) => readStoredMails(database, rows, held(rows));

describe('mail reader threads', () => {
  // As the server configures a process that works the jobs (only such a process reads ahead).
  beforeAll(async () => {
    configureMailReaders(1);
    // Started, and its first task (a probe) done: the counts below are the tests' own tasks.
    await readOne(db, row(fixture('html-only.eml', vars)));
  });
  afterAll(() => configureMailReaders(null));

  it('reads every corpus mail on a thread exactly as on the main thread', async () => {
    const names = [
      'inline-image.eml',
      'iso-2022-jp.eml',
      'utf-7.eml',
      'html-only.eml',
      'malformed-boundary.eml',
    ];
    for (const name of names) {
      const before = readerThreadTasks();
      const raw = fixture(name, vars);
      const onThread = await readOne(db, row(raw));
      expect(onThread, name).toEqual(await readMail(raw));
      for (const part of onThread.attachments) expect(Buffer.isBuffer(part.content)).toBe(true);
      // Read on the pool's thread, not quietly on the main one.
      expect(readerThreadTasks(), name).toBe(before + 1);
    }
  });

  it('keeps the inline part, its checksum and the sanitised HTML with its cid placeholder', async () => {
    const mail = await readOne(db, row(fixture('inline-image.eml', vars)));
    const part = mail.attachments.find((a) => a.contentId !== null);
    expect(part?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(mail.html).toContain('src="cid:');
    expect(mail.html).not.toMatch(/<script|onerror|onclick/i);
  });

  it('rejects a mail without a sender with UnreadableMailError, each mail of a batch on its own', async () => {
    const [bad, good] = await readMany(db, [
      row(fixture('no-sender.eml', vars)),
      row(fixture('html-only.eml', vars)),
    ]);
    expect(bad?.status).toBe('rejected');
    expect(bad?.status === 'rejected' && bad.reason).toBeInstanceOf(UnreadableMailError);
    expect(good?.status).toBe('fulfilled');
    await expect(readOne(db, row(fixture('no-sender.eml', vars)))).rejects.toBeInstanceOf(
      UnreadableMailError,
    );
  });

  it('rejects a row whose bytes are not found, and reads the others', async () => {
    const present = row(fixture('html-only.eml', vars));
    const [lost, read] = await readStoredMails(db, [{ id: nextId-- }, present], held([present]));
    expect(lost?.status === 'rejected' && String(lost.reason)).toMatch(/has no raw bytes/);
    expect(read?.status).toBe('fulfilled');
  });

  it('hands a mail read ahead to its row once, by id; other rows are read as they come', async () => {
    const stored = fixture('gmail-reply.eml', vars);
    const other = fixture('html-only.eml', vars);
    const id = nextId--;
    const before = readerThreadTasks();
    readAhead(db, [{ ids: [id], raw: stored }]);
    // The row's bytes are not read again, nor asked for: what was read ahead for its id is what it gets.
    const rows = [{ id, raw: other }, row(other)];
    const asked: number[][] = [];
    const [first, second] = await readStoredMails(db, rows, (ids) => {
      asked.push(ids);
      return held(rows)(ids);
    });
    expect(asked).toEqual([[rows[1]?.id]]);
    expect(first).toEqual({ status: 'fulfilled', value: await readMail(stored) });
    expect(second).toEqual({ status: 'fulfilled', value: await readMail(other) });
    // Taken once: the same id again is read from its bytes.
    expect(await readOne(db, { id, raw: other })).toEqual(await readMail(other));
    // Three tasks: the read ahead, the second row, the same id again.
    expect(readerThreadTasks()).toBe(before + 3);
  });

  it('keeps what was read ahead per database: a row of the same id in another database reads its own', async () => {
    const stored = fixture('gmail-reply.eml', vars);
    const other = fixture('html-only.eml', vars);
    const id = nextId--;
    readAhead(db, [{ ids: [id], raw: stored }]);
    expect(await readOne({}, { id, raw: other })).toEqual(await readMail(other));
    expect(await readOne(db, { id, raw: other })).toEqual(await readMail(stored));
  });

  it('reads on the main thread with MAIL_READER_THREADS=0, and reads nothing ahead', async () => {
    configureMailReaders(0);
    try {
      const raw = fixture('inline-image.eml', vars);
      const id = nextId--;
      readAhead(db, [{ ids: [id], raw }]);
      const before = readerThreadTasks();
      expect(await readOne(db, { id, raw })).toEqual(await readMail(raw));
      expect(readerThreadTasks()).toBe(before);
    } finally {
      configureMailReaders(1);
    }
    await expect(readOne(db, row(fixture('html-only.eml', vars)))).resolves.toBeDefined();
    expect(readerThreadTasks()).toBeGreaterThan(0);
  });

  it('reads nothing ahead in a process that does not process mail (not configured: a listener alone)', async () => {
    configureMailReaders(null);
    try {
      const stored = fixture('gmail-reply.eml', vars);
      const other = fixture('html-only.eml', vars);
      const id = nextId--;
      readAhead(db, [{ ids: [id], raw: stored }]);
      expect(await readOne(db, { id, raw: other })).toEqual(await readMail(other));
    } finally {
      configureMailReaders(1);
    }
  });

  it('reads on the main thread when the threads cannot start, and says so', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'reader-'));
    const broken = path.join(dir, 'broken-thread.mjs');
    writeFileSync(broken, "throw new Error('this build is broken');\n");
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on('warning', onWarning);
    configureMailReaders(1, broken);
    try {
      const raw = fixture('inline-image.eml', vars);
      const id = nextId--;
      readAhead(db, [{ ids: [id], raw }]);
      expect(await readOne(db, { id, raw })).toEqual(await readMail(raw));
      const [bad] = await readMany(db, [row(fixture('no-sender.eml', vars))]);
      expect(bad?.status === 'rejected' && bad.reason).toBeInstanceOf(UnreadableMailError);
      expect(readerThreadTasks()).toBe(0);
      await new Promise((r) => setImmediate(r));
      expect(warnings.join('\n')).toMatch(/mail reader threads did not start .*main thread/);
    } finally {
      process.off('warning', onWarning);
      configureMailReaders(1);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
