import { describe, expect, it } from 'vitest';
import { asSystem } from '../../../db/tenant.js';
import { adminContext } from '../../../test/admin-context.js';
import { testApp } from '../../../test/app.js';
import { unique } from '../../../test/factories.js';
import { secretBox } from './secret-box.js';
import { randomBytes } from 'node:crypto';

const { app, db } = await testApp();
const BASE = '/api/support/admin/mailboxes/';

describe('secret box', () => {
  it('opens what it sealed, and nothing that was changed or sealed under another key', () => {
    const box = secretBox(randomBytes(32));
    const sealed = box.seal('hunter2 ü');
    expect(sealed).not.toContain('hunter2');
    expect(box.open(sealed)).toBe('hunter2 ü');
    expect(box.seal('x')).not.toBe(box.seal('x'));
    const parts = sealed.split('.');
    const flipped = [...parts.slice(0, 3), Buffer.from('hunter3 ü').toString('base64url')].join('.');
    expect(() => box.open(flipped)).toThrow();
    expect(() => secretBox(randomBytes(32)).open(sealed)).toThrow();
  });
});

describe('mailbox admin API', () => {
  it('creates, lists, changes and deletes a mailbox; secrets are sealed and never returned', async () => {
    const { call, create } = await adminContext(app, db, BASE);
    const address = `Help-${unique()}@Example.test`;
    const created = await create({
      address,
      display_name: 'Help',
      imap_host: 'imap.example.test',
      imap_port: 993,
      imap_user: 'help',
      imap_password: 'very-secret-pw',
      smtp_url: 'smtp://user:smtp-secret@mail.example.test:587',
    });
    expect(created).toMatchObject({
      address: address.toLowerCase(),
      has_imap_password: true,
      has_smtp_url: true,
      imap_tls: true,
      state: 'unknown',
      last_error: '',
    });
    const body = JSON.stringify(created);
    expect(body).not.toContain('very-secret-pw');
    expect(body).not.toContain('smtp-secret');
    expect(body).not.toContain('_enc');
    const stored = await asSystem(db, (tx) =>
      tx.selectFrom('mailboxes').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow(),
    );
    expect(stored.imap_password_enc).toMatch(/^v1\./);
    expect(stored.imap_password_enc).not.toContain('very-secret-pw');
    expect(stored.smtp_url_enc).not.toContain('smtp-secret');

    const list = await call('GET', BASE);
    expect(list.statusCode).toBe(200);
    expect(list.json<{ results: { id: number }[] }>().results.map((m) => m.id)).toEqual([created.id]);

    const changed = await call('PATCH', `${BASE}${created.id}/`, { display_name: 'Support', smtp_url: null });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({
      display_name: 'Support',
      has_smtp_url: false,
      has_imap_password: true,
    });

    expect((await call('DELETE', `${BASE}${created.id}/`)).statusCode).toBe(204);
    expect((await call('GET', `${BASE}${created.id}/`)).statusCode).toBe(404);
  });

  it('refuses a taken address in any workspace (409), bad input (400) and incomplete IMAP (400)', async () => {
    const a = await adminContext(app, db, BASE);
    const b = await adminContext(app, db, BASE);
    const address = `dup-${unique()}@example.test`;
    await a.create({ address });
    const taken = await b.call('POST', BASE, { address: address.toUpperCase() });
    expect(taken.statusCode).toBe(409);
    expect(taken.headers['content-type']).toContain('application/problem+json');
    for (const payload of [
      { address: 'not-an-address' },
      { address: `a+b-${unique()}@example.test` },
      { address: `x-${unique()}@example.test`, imap_port: 70000 },
      { address: `x-${unique()}@example.test`, smtp_url: 'http://nope' },
      { address: `x-${unique()}@example.test`, default_team: 999999999 },
      { address: `x-${unique()}@example.test`, imap_host: 'imap.example.test' },
      { address: `x-${unique()}@example.test`, surprise: true },
    ]) {
      const res = await a.call('POST', BASE, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('is for admins only (403 for agents) and another workspace’s mailbox is 404', async () => {
    const a = await adminContext(app, db, BASE);
    const b = await adminContext(app, db, BASE);
    const mine = await a.create({ address: `mine-${unique()}@example.test` });
    for (const [method, url] of [
      ['GET', BASE],
      ['GET', `${BASE}${mine.id}/`],
      ['POST', `${BASE}${mine.id}/test/`],
      ['DELETE', `${BASE}${mine.id}/`],
    ] as const) {
      const res = await a.call(method, url, undefined, a.agentToken);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
    }
    expect(
      (await a.call('POST', BASE, { address: `z-${unique()}@example.test` }, a.agentToken)).statusCode,
    ).toBe(403);
    for (const [method, url, payload] of [
      ['GET', `${BASE}${mine.id}/`, undefined],
      ['PATCH', `${BASE}${mine.id}/`, { display_name: 'x' }],
      ['POST', `${BASE}${mine.id}/test/`, undefined],
      ['DELETE', `${BASE}${mine.id}/`, undefined],
    ] as const) {
      const res = await b.call(method, url, payload);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    expect((await a.call('GET', `${BASE}${mine.id}/`)).statusCode).toBe(200);
  });

  it('records a failed connection test as the mailbox’s state and last error', async () => {
    const { call, create } = await adminContext(app, db, BASE);
    const mailbox = await create({
      address: `t-${unique()}@example.test`,
      imap_host: '127.0.0.1',
      imap_port: 1,
      imap_tls: false,
      imap_user: 'u',
      imap_password: 'p',
    });
    const res = await call('POST', `${BASE}${mailbox.id}/test/`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      state: 'error',
      last_error: expect.stringMatching(/^IMAP: /) as string,
    });
    expect(res.json<{ last_checked_at: string | null }>().last_checked_at).not.toBeNull();
  });
});
