import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../db/schema.js';
import { asSystem, inWorkspace } from '../../db/tenant.js';
import { asBearer, testApp } from '../../test/app.js';
import {
  buildAdmin,
  buildCustomer,
  buildTicket,
  buildWorkspace,
  customerSession,
  unique,
} from '../../test/factories.js';
import { createWorkspace } from '../workspaces/index.js';
import { parseSearch, searchTuning } from './search.js';

const { app, db } = await testApp();

interface Page {
  results: { ticket_number: string; subject: string }[];
  next_cursor: string | null;
}

async function addMessage(
  ws: Workspace,
  ticketId: number,
  message: string,
  kind: { is_internal?: boolean; message_type?: 'customer' | 'agent' | 'note' | 'system' } = {},
) {
  await asSystem(db, (tx) =>
    tx
      .insertInto('support_ticket_messages')
      .values({ workspace_id: ws.id, ticket_id: ticketId, message, ...kind })
      .execute(),
  );
}

async function adminSearch(token: string, q: string, extra = ''): Promise<string[]> {
  const res = await app.inject(
    asBearer(token, {
      method: 'GET',
      url: `/api/support/admin/tickets/?q=${encodeURIComponent(q)}${extra}`,
    }),
  );
  expect(res.statusCode).toBe(200);
  return res
    .json<Page>()
    .results.map((t) => t.subject)
    .sort();
}

async function setup(language?: string) {
  const ws = language
    ? await createWorkspace(db, {
        slug: `ws-${unique()}`,
        name: 'Search',
        defaultLanguage: language,
        ticketPrefix: `S${unique().toUpperCase()}`.slice(0, 10),
      })
    : await buildWorkspace(db);
  const admin = await buildAdmin(db, ws);
  return { ws, admin };
}

describe('parseSearch', () => {
  it('recognises ticket numbers and email starts', () => {
    expect(parseSearch(' demo-1 ')).toEqual({ text: 'demo-1', numberPrefix: 'DEMO-1', emailPrefix: '' });
    expect(parseSearch('Anna@')).toMatchObject({ numberPrefix: '', emailPrefix: 'anna@' });
    expect(parseSearch('broken parcel')).toMatchObject({ numberPrefix: '', emailPrefix: '' });
  });
});

// Every case runs twice: with the matching ids collected up front (selective words) and with the
// per-ticket test the list uses when a word is too common to collect (cap 0 forces it).
describe.each([
  ['matching ids', searchTuning.idCap],
  ['per-ticket test', 0],
])('ticket search (%s)', (_strategy, cap) => {
  const defaultCap = searchTuning.idCap;
  beforeAll(() => {
    searchTuning.idCap = cap;
  });
  afterAll(() => {
    searchTuning.idCap = defaultCap;
  });

  it('finds by subject, description and message, with English stemming', async () => {
    const { ws, admin } = await setup();
    await buildTicket(db, ws, { subject: 'Broken umbrella', description: 'It arrived bent.' });
    await buildTicket(db, ws, { subject: 'Question', description: 'The invoices are wrong.' });
    const t3 = await buildTicket(db, ws, { subject: 'Other', description: 'Nothing here.' });
    await addMessage(ws, t3.id, 'Also the zeppelin model is missing');
    expect(await adminSearch(admin.token, 'umbrellas')).toEqual(['Broken umbrella']);
    expect(await adminSearch(admin.token, 'invoice')).toEqual(['Question']);
    expect(await adminSearch(admin.token, 'zeppelin')).toEqual(['Other']);
    expect(await adminSearch(admin.token, 'nonexistentword')).toEqual([]);
  });

  it('stems German in a de workspace and ignores accents', async () => {
    const { ws, admin } = await setup('de');
    await buildTicket(db, ws, { subject: 'Lieferung fehlt', description: 'Bitte prüfen.' });
    await buildTicket(db, ws, { subject: 'Rechnung', description: 'Falscher Betrag.' });
    expect(await adminSearch(admin.token, 'Lieferungen')).toEqual(['Lieferung fehlt']);
    expect(await adminSearch(admin.token, 'prufen')).toEqual(['Lieferung fehlt']);
  });

  it('supports web-search syntax: quotes, minus and OR', async () => {
    const { ws, admin } = await setup();
    await buildTicket(db, ws, { subject: 'red car', description: 'the car is red' });
    await buildTicket(db, ws, { subject: 'car red', description: 'red paint, blue car' });
    await buildTicket(db, ws, { subject: 'blue boat', description: 'a boat' });
    expect(await adminSearch(admin.token, 'car')).toEqual(['car red', 'red car']);
    expect(await adminSearch(admin.token, '"red car"')).toEqual(['red car']);
    expect(await adminSearch(admin.token, '"paint red"')).toEqual([]);
    expect(await adminSearch(admin.token, '"red paint"')).toEqual(['car red']);
    expect(await adminSearch(admin.token, 'car -blue')).toEqual(['red car']);
    expect(await adminSearch(admin.token, 'boat or paint')).toEqual(['blue boat', 'car red']);
  });

  it('matches ticket-number and customer-email prefixes', async () => {
    const { ws, admin } = await setup();
    const anna = await buildCustomer(db, ws, { email: `anna.${unique()}@example.test`, password: null });
    const bob = await buildCustomer(db, ws, { email: `bob.${unique()}@example.test`, password: null });
    const tickets = [];
    for (let i = 1; i <= 12; i++) {
      tickets.push(await buildTicket(db, ws, { subject: `T${i}`, customerId: i === 3 ? anna.id : bob.id }));
    }
    const prefix = ws.ticket_prefix;
    expect(await adminSearch(admin.token, `${prefix.toLowerCase()}-1`)).toEqual(['T1', 'T10', 'T11', 'T12']);
    expect(await adminSearch(admin.token, `${prefix}-12`)).toEqual(['T12']);
    expect(await adminSearch(admin.token, 'anna.')).toEqual([]);
    expect(await adminSearch(admin.token, anna.email.split('@')[0] + '@')).toEqual(['T3']);
    expect(await adminSearch(admin.token, anna.email.toUpperCase())).toEqual(['T3']);
    // LIKE wildcards in q are literal.
    expect(await adminSearch(admin.token, '%@')).toEqual([]);
  });

  it('keeps filters, sort and keyset pagination', async () => {
    const { ws, admin } = await setup();
    for (let i = 0; i < 5; i++)
      await buildTicket(db, ws, { subject: `lamp ${i}`, status: i < 3 ? 'open' : 'new' });
    await buildTicket(db, ws, { subject: 'table', status: 'open' });
    expect(await adminSearch(admin.token, 'lamp', '&status=open')).toEqual(['lamp 0', 'lamp 1', 'lamp 2']);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/support/admin/tickets/?q=lamp&limit=2&sort=-created_at${cursor ? `&cursor=${cursor}` : ''}`;
      const page: Page = (await app.inject(asBearer(admin.token, { method: 'GET', url }))).json<Page>();
      seen.push(...page.results.map((t) => t.subject));
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen).toEqual(['lamp 0', 'lamp 1', 'lamp 2', 'lamp 3', 'lamp 4']);
  });

  it('includes internal notes for staff but never for customers', async () => {
    const { ws, admin } = await setup();
    const customer = await buildCustomer(db, ws);
    const session = await customerSession(db, ws, customer.id);
    const t = await buildTicket(db, ws, { subject: 'Printer', customerId: customer.id });
    await addMessage(ws, t.id, 'customer wrote about the toner', { message_type: 'customer' });
    await addMessage(ws, t.id, 'secret flamingo suspicion', { message_type: 'note', is_internal: true });
    await addMessage(ws, t.id, 'system walrus event', { message_type: 'system' });
    expect(await adminSearch(admin.token, 'flamingo')).toEqual(['Printer']);
    const asCustomer = async (q: string) => {
      const res = await app.inject({
        method: 'GET',
        url: `/api/support/tickets/?q=${encodeURIComponent(q)}`,
        headers: session,
      });
      expect(res.statusCode).toBe(200);
      return res.json<Page>().results.map((r) => r.subject);
    };
    expect(await asCustomer('toner')).toEqual(['Printer']);
    expect(await asCustomer('flamingo')).toEqual([]);
    expect(await asCustomer('walrus')).toEqual([]);
  });

  it('shows customers only their own tickets and never another workspace', async () => {
    const { ws, admin } = await setup();
    const other = await setup();
    const me = await buildCustomer(db, ws);
    const session = await customerSession(db, ws, me.id);
    await buildTicket(db, ws, { subject: 'mine kettle', customerId: me.id });
    await buildTicket(db, ws, { subject: 'theirs kettle' });
    await buildTicket(db, other.ws, { subject: 'foreign kettle' });
    const res = await app.inject({ method: 'GET', url: '/api/support/tickets/?q=kettle', headers: session });
    expect(res.json<Page>().results.map((r) => r.subject)).toEqual(['mine kettle']);
    expect(await adminSearch(admin.token, 'kettle')).toEqual(['mine kettle', 'theirs kettle']);
    expect(await adminSearch(admin.token, `${other.ws.ticket_prefix}-`)).toEqual([]);
    expect(await adminSearch(other.admin.token, 'kettle')).toEqual(['foreign kettle']);
  });

  it('re-stems when the workspace changes its language', async () => {
    const { ws, admin } = await setup('xx');
    await buildTicket(db, ws, { subject: 'Lieferung', description: '-' });
    expect(await adminSearch(admin.token, 'Lieferungen')).toEqual([]);
    await asSystem(db, (tx) =>
      tx.updateTable('workspaces').set({ default_language: 'de' }).where('id', '=', ws.id).execute(),
    );
    expect(await adminSearch(admin.token, 'Lieferungen')).toEqual(['Lieferung']);
  });

  it('rejects a q longer than 200 characters', async () => {
    const { admin } = await setup();
    const res = await app.inject(
      asBearer(admin.token, { method: 'GET', url: `/api/support/admin/tickets/?q=${'a'.repeat(201)}` }),
    );
    expect(res.statusCode).toBe(400);
  });
});

// The q filter (support_ticket_search_plan) hands the list every matching id when there are at most
// `cap`, else a per-ticket test. Which one is decided by the term statistics (df in tickets and in
// messages bound the matches from above, df in tickets of a lone word from below), never by a
// sample of the newest tickets.
describe('the q filter decides by the term statistics', () => {
  async function plan(ws: Workspace, q: string, cap: number): Promise<number[] | null> {
    const row = await inWorkspace(db, ws.id, (tx) =>
      sql<{ ids: string[] | null }>`SELECT ids FROM support_ticket_search_plan(${ws.id}::bigint, ${q}::text,
        true, '', '', ${cap}::integer)`.execute(tx),
    );
    return row.rows[0]?.ids?.map(Number).sort((a, b) => a - b) ?? null;
  }
  const sorted = (tickets: { id: number }[]) => tickets.map((t) => t.id).sort((a, b) => a - b);

  it('collects every match of a word in at most cap tickets, even when the newest all have it', async () => {
    const { ws } = await setup();
    const older = await buildTicket(db, ws, { subject: 'Airship', description: 'A zeppelin model.' });
    await buildTicket(db, ws, { subject: 'Other', description: 'Nothing here.' });
    const newest = [];
    for (let i = 0; i < 15; i++) newest.push(await buildTicket(db, ws, { subject: `Zeppelin ${i}` }));
    const inMessage = await buildTicket(db, ws, { subject: 'Balloon' });
    await addMessage(ws, inMessage.id, 'Or was it a zeppelin?');
    expect(await plan(ws, 'zeppelin', 500)).toEqual(sorted([older, ...newest, inMessage]));
    expect(await plan(ws, 'zeppelin', 17)).toEqual(sorted([older, ...newest, inMessage]));
    expect(await plan(ws, 'zeppelin model', 500)).toEqual([older.id]);
    expect(await plan(ws, 'nonexistentword', 500)).toEqual([]);
  });

  it('tests each ticket when more tickets than cap hold the word', async () => {
    const { ws } = await setup();
    for (let i = 0; i < 12; i++) await buildTicket(db, ws, { subject: `Lamp ${i}` });
    expect(await plan(ws, 'lamp', 11)).toBeNull();
    expect(await plan(ws, 'lamp', 12)).toHaveLength(12);
  });

  it('never takes a collection cut short by the messages for every match', async () => {
    const { ws, admin } = await setup();
    const tickets = [];
    for (let i = 0; i < 3; i++) {
      const t = await buildTicket(db, ws, { subject: `Appliance ${i}` });
      for (let m = 0; m < 4; m++) await addMessage(ws, t.id, `The kettle again (${m})`);
      tickets.push(t);
    }
    // 12 matching messages of 3 tickets: the first 6 messages name fewer than 5 tickets, but not all.
    expect(await plan(ws, 'kettle', 5)).toBeNull();
    expect(await plan(ws, 'kettle', 11)).toBeNull();
    expect(await plan(ws, 'kettle', 12)).toEqual(sorted(tickets));
    const defaultCap = searchTuning.idCap;
    searchTuning.idCap = 5;
    try {
      expect(await adminSearch(admin.token, 'kettle')).toEqual(['Appliance 0', 'Appliance 1', 'Appliance 2']);
    } finally {
      searchTuning.idCap = defaultCap;
    }
  });
});
