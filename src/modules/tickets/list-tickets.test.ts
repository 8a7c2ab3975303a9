import { describe, expect, it } from 'vitest';
import type { SupportTicket, Workspace } from '../../db/schema.js';
import { asSystem } from '../../db/tenant.js';
import { asBearer, testApp } from '../../test/app.js';
import {
  buildAdmin,
  buildCustomer,
  buildTicket,
  buildToken,
  buildUser,
  buildWorkspace,
  unique,
} from '../../test/factories.js';

const { app, db } = await testApp();

interface ListedTicket {
  id: number;
  customer: { id: number; name: string; email: string };
  category: { id: number; name: string; slug: string } | null;
  priority: { id: number; code: string };
  assigned_to: { id: number; name: string } | null;
  team: { id: number; name: string } | null;
  sla: { id: number; name: string } | null;
  tags: { slug: string }[];
}

interface Page {
  results: ListedTicket[];
  next_cursor: string | null;
}

/** Every page of an admin list, `limit` tickets at a time, following next_cursor. */
async function allPages(token: string, query: string, limit: number) {
  const seen: ListedTicket[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const url: string = `/api/support/admin/tickets/?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
    const res = await app.inject(asBearer(token, { method: 'GET', url }));
    expect(res.statusCode, query).toBe(200);
    const page: Page = res.json<Page>();
    seen.push(...page.results);
    cursor = page.next_cursor;
    pages++;
  } while (cursor && pages < 50);
  return { seen, pages };
}

async function addTag(ws: Workspace, slug: string) {
  return asSystem(db, (tx) =>
    tx
      .insertInto('ticket_tags')
      .values({ workspace_id: ws.id, name: `Tag ${slug}`, slug })
      .returningAll()
      .executeTakeFirstOrThrow(),
  );
}

async function tagTicket(ws: Workspace, ticket: SupportTicket, tagId: number) {
  await asSystem(db, (tx) =>
    tx
      .insertInto('support_ticket_tags')
      .values({ workspace_id: ws.id, ticket_id: ticket.id, tag_id: tagId })
      .execute(),
  );
}

async function setTicket(ticket: SupportTicket, values: Partial<SupportTicket>) {
  await asSystem(db, (tx) =>
    tx.updateTable('support_tickets').set(values).where('id', '=', ticket.id).execute(),
  );
}

async function addCategory(ws: Workspace, slug: string) {
  return asSystem(db, (tx) =>
    tx
      .insertInto('ticket_categories')
      .values({ workspace_id: ws.id, name: `Category ${slug}`, slug })
      .returningAll()
      .executeTakeFirstOrThrow(),
  );
}

async function addTeam(ws: Workspace, name: string) {
  return asSystem(db, (tx) =>
    tx
      .insertInto('support_teams')
      .values({ workspace_id: ws.id, name })
      .returningAll()
      .executeTakeFirstOrThrow(),
  );
}

/** One page of the admin list as `token`, expecting 200. */
async function listIds(token: string, query: string) {
  const res = await app.inject(
    asBearer(token, { method: 'GET', url: `/api/support/admin/tickets/?${query}` }),
  );
  expect(res.statusCode, `${query}: ${res.body}`).toBe(200);
  return res.json<Page>().results.map((t) => t.id);
}

describe('the admin ticket list', () => {
  it('shows each ticket of a page with its own names and tags, as the ticket view does', async () => {
    const ws = await buildWorkspace(db);
    const admin = await buildAdmin(db, ws);
    const agnes = await buildUser(db, ws, { role: 'agent', name: 'Agnes Agent' });
    const bert = await buildUser(db, ws, { role: 'agent', name: 'Bert Agent' });
    const [cora, dora] = [
      await buildCustomer(db, ws, { name: 'Cora Customer' }),
      await buildCustomer(db, ws, { name: 'Dora Customer' }),
    ];
    const { billing, shipping, team, sla } = await asSystem(db, async (tx) => ({
      billing: await tx
        .insertInto('ticket_categories')
        .values({ workspace_id: ws.id, name: 'Billing', slug: 'billing' })
        .returningAll()
        .executeTakeFirstOrThrow(),
      shipping: await tx
        .insertInto('ticket_categories')
        .values({ workspace_id: ws.id, name: 'Shipping', slug: 'shipping' })
        .returningAll()
        .executeTakeFirstOrThrow(),
      team: await tx
        .insertInto('support_teams')
        .values({ workspace_id: ws.id, name: 'Returns desk' })
        .returningAll()
        .executeTakeFirstOrThrow(),
      sla: await tx
        .insertInto('slas')
        .values({ workspace_id: ws.id, name: 'Gold' })
        .returningAll()
        .executeTakeFirstOrThrow(),
    }));
    const [urgent, fragile] = [await addTag(ws, 'urgent'), await addTag(ws, 'fragile')];

    // Five tickets, each pointing somewhere else, so that a name joined onto the wrong row shows.
    const tickets = [];
    for (let i = 0; i < 5; i++) {
      const t = await buildTicket(db, ws, {
        customerId: (i % 2 === 0 ? cora : dora).id,
        assigned_to_id: i === 0 ? null : (i % 2 === 0 ? agnes : bert).id,
      });
      await setTicket(t, {
        category_id: i === 4 ? null : (i % 2 === 0 ? billing : shipping).id,
        team_id: i === 3 ? team.id : null,
        sla_id: i === 1 ? sla.id : null,
      });
      if (i !== 2) await tagTicket(ws, t, (i % 2 === 0 ? urgent : fragile).id);
      if (i === 3) await tagTicket(ws, t, urgent.id);
      tickets.push(t);
    }

    const { seen, pages } = await allPages(admin.token, 'sort=-created_at', 2);
    expect(pages).toBe(3);
    expect(seen.map((t) => t.id)).toEqual(tickets.map((t) => t.id));
    expect(
      seen.map((t) => [
        t.customer.name,
        t.category?.slug ?? null,
        t.assigned_to?.name ?? null,
        t.team?.name ?? null,
        t.sla?.name ?? null,
        t.tags.map((tag) => tag.slug),
      ]),
    ).toEqual([
      ['Cora Customer', 'billing', null, null, null, ['urgent']],
      ['Dora Customer', 'shipping', 'Bert Agent', null, 'Gold', ['fragile']],
      ['Cora Customer', 'billing', 'Agnes Agent', null, null, []],
      ['Dora Customer', 'shipping', 'Bert Agent', 'Returns desk', null, ['fragile', 'urgent']],
      ['Cora Customer', null, 'Agnes Agent', null, null, ['urgent']],
    ]);
    // The list shows a ticket exactly as its own view does, but for the conversation (messages, files,
    // and whether the opening mail has an HTML version to show).
    for (const listed of seen) {
      const res = await app.inject(
        asBearer(admin.token, { method: 'GET', url: `/api/support/tickets/${listed.id}/` }),
      );
      const { messages, attachments, description_has_html, ...detail } = res.json<
        ListedTicket & { messages: unknown; attachments: unknown; description_has_html: boolean }
      >();
      expect([messages, attachments, description_has_html]).not.toContain(undefined);
      expect(detail).toEqual(listed);
    }
  });

  it('pages a tag and status filter by cursor, ties on the sort key broken by id, in both directions', async () => {
    const ws = await buildWorkspace(db);
    const admin = await buildAdmin(db, ws);
    const [vip, other] = [await addTag(ws, 'vip'), await addTag(ws, 'other')];
    const statuses = ['open', 'pending', 'resolved', 'open', 'new', 'pending'] as const;
    const tickets = [];
    for (let i = 0; i < 12; i++) {
      const t = await buildTicket(db, ws, { status: statuses[i % statuses.length] });
      // Three tickets share each creation time, so the cursor has to break ties by id.
      await setTicket(t, {
        created_at: new Date(Date.UTC(2024, 0, 1 + Math.floor(i / 3), 12, 0, 0, 123)),
        response_due_at: i % 4 === 0 ? null : new Date(Date.UTC(2024, 1, 1 + (i % 3))),
      });
      await tagTicket(ws, t, (i % 5 === 4 ? other : vip).id);
      tickets.push({ ...t, index: i });
    }
    const wanted = tickets.filter((t) => t.index % 5 !== 4 && ['open', 'pending'].includes(t.status));
    const byCreated = [...wanted].sort(
      (a, b) => Math.floor(a.index / 3) - Math.floor(b.index / 3) || a.id - b.id,
    );
    const ids = (xs: { id: number }[]) => xs.map((t) => t.id);

    const newest = await allPages(admin.token, 'tag=vip&status=open,pending', 2);
    expect(ids(newest.seen)).toEqual(ids([...byCreated].reverse()));
    const oldest = await allPages(admin.token, 'tag=vip&status=open,pending&sort=-created_at', 3);
    expect(ids(oldest.seen)).toEqual(ids(byCreated));

    // Soonest due first, the tickets without a due date last, each group by id.
    const due = (t: { index: number }) => (t.index % 4 === 0 ? Infinity : t.index % 3);
    const byDue = [...wanted].sort((a, b) => due(a) - due(b) || a.id - b.id);
    const soonest = await allPages(admin.token, `tag=${vip.id}&status=open,pending&sort=response_due_at`, 2);
    expect(ids(soonest.seen)).toEqual(ids(byDue));
  });
  it('filters by category, team, assignee (me), order and consignment reference', async () => {
    const ws = await buildWorkspace(db);
    const admin = await buildAdmin(db, ws);
    const agent = await buildUser(db, ws, { role: 'agent' });
    const agentToken = await buildToken(db, ws, agent.id);
    const [billing, shipping] = [await addCategory(ws, 'billing'), await addCategory(ws, 'shipping')];
    const [red, blue] = [await addTeam(ws, 'Red'), await addTeam(ws, 'Blue')];
    const specs = [
      { category: billing, team: red, assignee: admin.id, order: 'SO-1', consignment: 'C-1' },
      { category: shipping, team: blue, assignee: agent.id, order: 'SO-2', consignment: 'C-1' },
      { category: billing, team: null, assignee: admin.id, order: 'SO-1', consignment: 'C-2' },
      { category: null, team: red, assignee: null, order: null, consignment: null },
      { category: shipping, team: red, assignee: admin.id, order: 'SO-10', consignment: 'C-10' },
    ];
    const t: SupportTicket[] = [];
    for (const spec of specs) {
      const ticket = await buildTicket(db, ws, { assigned_to_id: spec.assignee });
      await setTicket(ticket, {
        category_id: spec.category?.id ?? null,
        team_id: spec.team?.id ?? null,
        order_ref: spec.order,
        consignment_ref: spec.consignment,
      });
      t.push(ticket);
    }
    // Newest first (the default sort): the expected ids are listed from the last ticket made.
    const ids = (...indexes: number[]) => indexes.map((i) => t[i]!.id);
    const cases: [string, number[]][] = [
      ['', ids(4, 3, 2, 1, 0)],
      ['category=billing', ids(2, 0)],
      [`category=${shipping.id}`, ids(4, 1)],
      [`category=billing,${shipping.id}`, ids(4, 2, 1, 0)],
      [`team=${red.id}`, ids(4, 3, 0)],
      [`team=${blue.id}`, ids(1)],
      ['assigned_to=me', ids(4, 2, 0)],
      ['order=SO-1', ids(2, 0)],
      ['order=SO-2', ids(1)],
      ['consignment=C-1', ids(1, 0)],
      ['consignment=C-2', ids(2)],
      [`category=billing&team=${red.id}&assigned_to=me&order=SO-1&consignment=C-1`, ids(0)],
      ['order=SO-1&consignment=C-10', []],
    ];
    for (const [query, expected] of cases) {
      expect(await listIds(admin.token, query), query).toEqual(expected);
    }
    // "me" is whoever asks.
    expect(await listIds(agentToken, 'assigned_to=me')).toEqual(ids(1));
    expect(await listIds(agentToken, `assigned_to=${admin.id}&category=shipping`)).toEqual(ids(4));

    // team=mine: any team the caller belongs to (the agent is in both, the admin in none).
    await asSystem(db, (tx) =>
      tx
        .insertInto('support_team_members')
        .values([red, blue].map((team) => ({ workspace_id: ws.id, team_id: team.id, user_id: agent.id })))
        .execute(),
    );
    expect(await listIds(agentToken, 'team=mine')).toEqual(ids(4, 3, 1, 0));
    expect(await listIds(agentToken, 'team=mine&category=shipping')).toEqual(ids(4, 1));
    expect(await listIds(admin.token, 'team=mine')).toEqual([]);
  });

  it('sorts by updated_at and resolution_due_at in both directions, ties by id, across pages', async () => {
    const ws = await buildWorkspace(db);
    const admin = await buildAdmin(db, ws);
    const day = (n: number) => new Date(Date.UTC(2024, 5, 1 + n, 8, 30, 0, 250));
    // Neither column follows the creation order; each has a tie, resolution_due_at has unset ones.
    const updated = [3, 1, 3, 0, 2];
    const due = [2, null, 1, 2, null];
    const t: SupportTicket[] = [];
    for (let i = 0; i < updated.length; i++) {
      const ticket = await buildTicket(db, ws);
      const d = due[i];
      await setTicket(ticket, {
        updated_at: day(updated[i]!),
        resolution_due_at: d === null || d === undefined ? null : day(d),
      });
      t.push(ticket);
    }
    const ids = (...indexes: number[]) => indexes.map((i) => t[i]!.id);
    const cases: [string, number[]][] = [
      // Newest activity first; equal times by id, in the same direction.
      ['sort=updated_at', ids(2, 0, 4, 1, 3)],
      ['sort=-updated_at', ids(3, 1, 4, 0, 2)],
      // Soonest due first, unset last; reversed, unset first.
      ['sort=resolution_due_at', ids(2, 0, 3, 1, 4)],
      ['sort=-resolution_due_at', ids(4, 1, 3, 0, 2)],
    ];
    for (const [query, expected] of cases) {
      for (const limit of [2, 10]) {
        const { seen } = await allPages(admin.token, query, limit);
        expect(
          seen.map((x) => x.id),
          `${query} by ${limit}`,
        ).toEqual(expected);
      }
    }
  });

  it('refuses another workspace’s category, tag, customer, team and assignee as filters (400)', async () => {
    const a = await buildWorkspace(db);
    const b = await buildWorkspace(db);
    const admin = await buildAdmin(db, a);
    const mine = await buildTicket(db, a);
    // B's objects, each with a name that this workspace does not use, and a ticket that has them all.
    const theirCategory = await addCategory(b, 'secret-category');
    const theirTag = await addTag(b, 'secret-tag');
    const theirTeam = await addTeam(b, 'Secret team');
    const theirAgent = await buildUser(db, b, { role: 'agent' });
    const theirCustomer = await buildCustomer(db, b, { email: `secret-${unique()}@example.test` });
    const theirs = await buildTicket(db, b, { customerId: theirCustomer.id, assigned_to_id: theirAgent.id });
    await setTicket(theirs, { category_id: theirCategory.id, team_id: theirTeam.id });
    await tagTicket(b, theirs, theirTag.id);

    const cases: [string, string][] = [
      ['category', `category=${theirCategory.id}`],
      ['category', `category=${theirCategory.slug}`],
      ['tag', `tag=${theirTag.id}`],
      ['tag', `tag=${theirTag.slug}`],
      ['customer', `customer=${theirCustomer.id}`],
      ['customer', `customer=${encodeURIComponent(theirCustomer.email)}`],
      ['team', `team=${theirTeam.id}`],
      ['assigned_to', `assigned_to=${theirAgent.id}`],
      // Unknown values answer the same.
      ['team', 'team=999999999'],
      ['assigned_to', 'assigned_to=999999999'],
      ['assigned_to', 'assigned_to=9999999999999999999'],
    ];
    for (const [path, query] of cases) {
      const res = await app.inject(
        asBearer(admin.token, { method: 'GET', url: `/api/support/admin/tickets/?${query}` }),
      );
      expect(res.statusCode, query).toBe(400);
      expect(res.json(), query).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path }] });
      expect(res.body, query).not.toMatch(/secret/i);
    }
    const yours = await app.inject(
      asBearer(admin.token, { method: 'GET', url: '/api/support/admin/tickets/?team=yours' }),
    );
    expect(yours.statusCode).toBe(400);
    // A slug both workspaces use names this workspace's category only.
    const shared = await addCategory(a, 'shared');
    const theirShared = await addCategory(b, 'shared');
    await setTicket(mine, { category_id: shared.id });
    await setTicket(theirs, { category_id: theirShared.id });
    expect(await listIds(admin.token, 'category=shared')).toEqual([mine.id]);
    expect(await listIds(admin.token, `category=shared,${theirCategory.id}`)).toEqual([mine.id]);
  });
});
