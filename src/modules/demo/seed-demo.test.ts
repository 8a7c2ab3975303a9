import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { TICKET_CHANNELS, TICKET_STATUSES } from '../../db/schema.js';
import { inWorkspace } from '../../db/tenant.js';
import { verifyPassword } from '../../platform/auth/passwords.js';
import { testDatabase } from '../../test/db.js';
import { DEMO_ANCHOR, DEMO_PASSWORD } from './demo-constants.js';
import { planDemoTickets } from './demo-ticket-plan.js';
import { findDemoWorkspace, seedDemo, seedDemoIfFirstRun } from './seed-demo.js';

const PLACEHOLDERS = [
  '{{customer.name}}',
  '{{ticket.ticket_number}}',
  '{{ticket.subject}}',
  '{{agent.name}}',
  '{{workspace.name}}',
];

describe('the demo seed', () => {
  let db: Database;
  let wsId: number;
  const inDemo = <T>(fn: Parameters<typeof inWorkspace<T>>[2]) => inWorkspace(db, wsId, fn);

  beforeAll(async () => {
    db = await testDatabase();
    const result = await seedDemo(db);
    expect(result).toMatchObject({ created: true, tickets: 60, articles: 21, templates: 14 });
    wsId = result.workspaceId;
  });

  it('creates the demo workspace with its ticket counter past DEMO-60', async () => {
    const ws = await inDemo((tx) => tx.selectFrom('workspaces').selectAll().executeTakeFirstOrThrow());
    expect(ws).toMatchObject({
      slug: 'demo',
      name: 'Demo Shop Support',
      timezone: 'Europe/Berlin',
      default_language: 'en',
      ticket_prefix: 'DEMO',
      next_ticket_number: 61,
    });
  });

  it('is idempotent: a second seed changes nothing, and --demo only seeds a database without workspaces', async () => {
    const count = () =>
      inDemo((tx) =>
        tx
          .selectFrom('support_tickets')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow(),
      );
    const before = await count();
    expect(await seedDemo(db)).toEqual({ created: false, workspaceId: wsId });
    expect(await seedDemoIfFirstRun(db)).toBeNull();
    expect(await count()).toEqual(before);
    expect(await findDemoWorkspace(db)).toBe(wsId);
  });

  it('has the demo logins: three staff members and three customers with the demo password', async () => {
    const staff = await inDemo((tx) =>
      tx
        .selectFrom('workspace_memberships as m')
        .innerJoin('users as u', 'u.id', 'm.user_id')
        .select(['u.email', 'u.name', 'm.role', 'u.password_hash'])
        .orderBy('u.email')
        .execute(),
    );
    expect(staff.map(({ email, role }) => [email, role])).toEqual([
      ['admin@demo.test', 'admin'],
      ['agent1@demo.test', 'agent'],
      ['agent2@demo.test', 'agent'],
    ]);
    expect(staff[0]?.name).toBe('Ada Admin');
    const customers = await inDemo((tx) =>
      tx.selectFrom('customers').select(['email', 'password_hash']).orderBy('email').execute(),
    );
    expect(customers.map((c) => c.email)).toEqual([
      'customer1@demo.test',
      'customer2@demo.test',
      'customer3@demo.test',
    ]);
    expect(await verifyPassword(staff[0]?.password_hash, DEMO_PASSWORD)).toBe(true);
    expect(await verifyPassword(customers[0]?.password_hash, DEMO_PASSWORD)).toBe(true);
  });

  it('has 60 tickets in every status and channel, numbered in creation order', async () => {
    const tickets = await inDemo((tx) =>
      tx.selectFrom('support_tickets').selectAll().orderBy('id').execute(),
    );
    expect(tickets).toHaveLength(60);
    expect(new Set(tickets.map((t) => t.status))).toEqual(new Set(TICKET_STATUSES));
    expect(new Set(tickets.map((t) => t.channel))).toEqual(new Set(TICKET_CHANNELS));
    const byNumber = [...tickets].sort(
      (a, b) => Number(a.ticket_number.slice(5)) - Number(b.ticket_number.slice(5)),
    );
    expect(byNumber.map((t) => t.ticket_number)).toEqual(
      Array.from({ length: 60 }, (_, i) => `DEMO-${i + 1}`),
    );
    const created = byNumber.map((t) => t.created_at.getTime());
    expect(created).toEqual([...created].sort((a, b) => a - b));
    expect(tickets.filter((t) => t.order_ref?.match(/^SO-\d{5}$/)).length).toBeGreaterThan(40);
    expect(tickets.filter((t) => t.consignment_ref?.match(/^CN-\d{8}$/)).length).toBeGreaterThan(20);
  });

  it('keeps each ticket’s timestamps consistent with its status and before the demo’s "now"', async () => {
    const tickets = await inDemo((tx) => tx.selectFrom('support_tickets').selectAll().execute());
    for (const t of tickets) {
      const label = `${t.ticket_number} (${t.status})`;
      // The SLA clock ran at the anchor: every ticket has its dues, the response one after its creation.
      expect(t.response_due_at, label).not.toBeNull();
      expect(t.resolution_due_at, label).not.toBeNull();
      expect(t.response_due_at?.getTime(), label).toBeGreaterThan(t.created_at.getTime());
      expect(t.resolved_at !== null, label).toBe(t.status === 'resolved' || t.status === 'closed');
      expect(t.closed_at !== null, label).toBe(t.status === 'closed' || t.status === 'cancelled');
      if (['open', 'pending', 'on_hold', 'resolved', 'closed'].includes(t.status))
        expect(t.first_response_at, label).not.toBeNull();
      if (t.status === 'new') expect(t.first_response_at, label).toBeNull();
      if (t.satisfaction_rating !== null) expect(['resolved', 'closed'], label).toContain(t.status);
      const times = [t.created_at, t.first_response_at, t.resolved_at, t.closed_at, t.updated_at].filter(
        (d) => d !== null,
      );
      expect(
        times.map((d) => d.getTime()),
        label,
      ).toEqual([...times].map((d) => d.getTime()).sort((a, b) => a - b));
      expect(t.updated_at.getTime(), label).toBeLessThanOrEqual(DEMO_ANCHOR.getTime());
    }
    expect(tickets.filter((t) => t.satisfaction_rating !== null).length).toBeGreaterThanOrEqual(10);
  });

  it('gives every ticket a conversation: customer messages, agent replies, notes and system messages', async () => {
    const messages = await inDemo((tx) =>
      tx
        .selectFrom('support_ticket_messages as m')
        .innerJoin('support_tickets as t', 't.id', 'm.ticket_id')
        .select([
          't.ticket_number',
          't.created_at as ticket_created',
          't.first_response_at',
          'm.message_type',
          'm.is_internal',
          'm.is_staff_reply',
          'm.created_at',
        ])
        .orderBy('m.id')
        .execute(),
    );
    expect(new Set(messages.map((m) => m.message_type))).toEqual(
      new Set(['customer', 'agent', 'note', 'system']),
    );
    expect(new Set(messages.map((m) => m.ticket_number)).size).toBe(60);
    for (const m of messages) {
      expect(m.created_at.getTime()).toBeGreaterThanOrEqual(m.ticket_created.getTime());
      expect(m.created_at.getTime()).toBeLessThanOrEqual(DEMO_ANCHOR.getTime());
      if (m.message_type === 'note' || m.message_type === 'system') expect(m.is_internal).toBe(true);
      if (m.message_type === 'agent') expect(m.is_staff_reply && !m.is_internal).toBe(true);
    }
    // first_response_at is the first agent reply.
    const firstReply = new Map<string, number>();
    for (const m of messages) {
      if (m.message_type === 'agent' && !firstReply.has(m.ticket_number))
        firstReply.set(m.ticket_number, m.created_at.getTime());
    }
    for (const m of messages) expect(m.first_response_at?.getTime()).toBe(firstReply.get(m.ticket_number));
  });

  it('configures SLAs with holidays, teams, categories, tags and bilingual templates', async () => {
    const slas = await inDemo((tx) =>
      tx
        .selectFrom('slas')
        .select(['id', 'name', 'is_default', 'business_days', 'timezone'])
        .orderBy('id')
        .execute(),
    );
    expect(slas.map((s) => [s.name, s.is_default])).toEqual([
      ['Standard', true],
      ['Premium', false],
    ]);
    expect(slas[0]).toMatchObject({ business_days: [1, 2, 3, 4, 5], timezone: 'Europe/Berlin' });
    const holidays = await inDemo((tx) =>
      tx
        .selectFrom('sla_holidays')
        .select(['date', 'name', 'recurring'])
        .where('sla_id', '=', slas[0]!.id)
        .execute(),
    );
    expect(holidays).toContainEqual({ date: '2026-12-25', name: 'Christmas Day', recurring: true });
    expect(holidays).toContainEqual({ date: '2027-01-01', name: "New Year's Day", recurring: true });

    const teams = await inDemo((tx) =>
      tx.selectFrom('support_teams').select(['name', 'team_lead_id']).orderBy('name').execute(),
    );
    expect(teams.map((t) => t.name)).toEqual(['Escalations', 'First line']);
    expect(teams.every((t) => t.team_lead_id !== null)).toBe(true);

    const categories = await inDemo((tx) =>
      tx.selectFrom('ticket_categories').select(['slug', 'parent_id']).execute(),
    );
    expect(categories.filter((c) => c.parent_id !== null).length).toBeGreaterThanOrEqual(6);
    const tagged = await inDemo((tx) =>
      tx.selectFrom('support_ticket_tags').select('ticket_id').distinct().execute(),
    );
    expect(tagged.length).toBeGreaterThan(10);

    const templates = await inDemo((tx) =>
      tx.selectFrom('ticket_templates').select(['id', 'language', 'content', 'subject']).execute(),
    );
    expect(new Set(templates.map((t) => t.language))).toEqual(new Set(['en', 'de']));
    const text = templates.map((t) => t.subject + t.content).join('\n');
    for (const p of PLACEHOLDERS) expect(text).toContain(p);
    const linked = await inDemo((tx) =>
      tx.selectFrom('ticket_template_categories').select('template_id').distinct().execute(),
    );
    expect(linked).toHaveLength(templates.length);
  });

  it('publishes the knowledge base in English and German with the same slugs, plus one draft', async () => {
    const articles = await inDemo((tx) =>
      tx.selectFrom('knowledge_articles').select(['slug', 'language', 'status', 'published_at']).execute(),
    );
    const published = (lang: string) =>
      articles
        .filter((a) => a.language === lang && a.status === 'published')
        .map((a) => a.slug)
        .sort();
    expect(published('en')).toHaveLength(10);
    expect(published('de')).toEqual(published('en'));
    expect(articles.filter((a) => a.status === 'draft')).toEqual([
      expect.objectContaining({ status: 'draft', published_at: null }),
    ]);
    const categories = await inDemo((tx) =>
      tx.selectFrom('knowledge_categories').select(['slug', 'language']).execute(),
    );
    const slugs = (lang: string) =>
      categories
        .filter((c) => c.language === lang)
        .map((c) => c.slug)
        .sort();
    expect(slugs('de')).toEqual(slugs('en'));
    // Each German article is linked to its English original as a translation, and rendered.
    const rows = await inDemo((tx) =>
      tx
        .selectFrom('knowledge_articles')
        .select(['slug', 'language', 'translation_group_id', 'content_html', 'content_text'])
        .where('status', '=', 'published')
        .execute(),
    );
    const groups = new Map<string, Set<number>>();
    for (const r of rows) groups.set(r.slug, (groups.get(r.slug) ?? new Set()).add(r.translation_group_id));
    expect([...groups.values()].every((g) => g.size === 1)).toBe(true);
    expect(new Set(rows.map((r) => r.translation_group_id)).size).toBe(10);
    expect(rows.every((r) => r.content_html.startsWith('<') && r.content_text.length > 50)).toBe(true);
    expect(rows.some((r) => r.content_html.includes('<table>'))).toBe(true);
  });

  it('is deterministic: the plan does not depend on the clock and matches the database', async () => {
    const plan = planDemoTickets();
    expect(planDemoTickets()).toEqual(plan);
    const rows = await inDemo((tx) =>
      tx.selectFrom('support_tickets').select(['ticket_number', 'subject', 'created_at']).execute(),
    );
    const fromDb = new Map(rows.map((r) => [r.ticket_number, r]));
    for (const p of plan) {
      expect(fromDb.get(p.ticketNumber)).toEqual({
        ticket_number: p.ticketNumber,
        subject: p.spec.subject,
        created_at: p.thread.createdAt,
      });
    }
  });
});
