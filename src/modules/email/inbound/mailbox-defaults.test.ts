/**
 * A mailbox's default category, team and priority (issue 14, point 1) on the tickets its mail opens —
 * by the single-mail path (an admin's retry, the SMTP kit) and by the batch the `email.process` jobs
 * run (SMTP and IMAP mail alike) — and routing through the team (round robin picks its member).
 */
import { describe, expect, it } from 'vitest';
import type { Workspace } from '../../../db/schema.js';
import { inWorkspace } from '../../../db/tenant.js';
import { testApp } from '../../../test/app.js';
import { buildUser, unique } from '../../../test/factories.js';
import { processInboundBatch } from './process-inbound.js';
import { findRecipientMailbox } from './recipients.js';
import { storeInboundMail } from './store-inbound.js';
import { compose, inboundKit } from './test-kit.js';

const t = await testApp();
const { db } = t;

async function defaults(ws: Workspace, mode: 'manual' | 'round_robin') {
  const agent = await buildUser(db, ws, { name: 'Rita' });
  return inWorkspace(db, ws.id, async (tx) => {
    const category = await tx
      .insertInto('ticket_categories')
      .values({ workspace_id: ws.id, name: 'Billing', slug: `billing-${unique()}` })
      .returning('id')
      .executeTakeFirstOrThrow();
    const team = await tx
      .insertInto('support_teams')
      .values({ workspace_id: ws.id, name: `Billing desk ${unique()}`, assignment_mode: mode })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('support_team_members')
      .values({ workspace_id: ws.id, team_id: team.id, user_id: agent.id })
      .execute();
    const priority = await tx
      .insertInto('ticket_priorities')
      .values({ workspace_id: ws.id, name: 'Urgent', code: `u${unique()}`.slice(0, 20) })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { category: category.id, team: team.id, priority: priority.id, agent: agent.id };
  });
}

async function setDefaults(
  wsId: number,
  mailboxId: number,
  d: { category: number | null; team: number | null; priority: number | null },
) {
  await inWorkspace(db, wsId, (tx) =>
    tx
      .updateTable('mailboxes')
      .set({ default_category_id: d.category, default_team_id: d.team, default_priority_id: d.priority })
      .where('id', '=', mailboxId)
      .execute(),
  );
}

const routing = (wsId: number, ticketId: number) =>
  inWorkspace(db, wsId, (tx) =>
    tx
      .selectFrom('ticket_assignments')
      .select(['to_team_id', 'to_user_id', 'reason'])
      .where('ticket_id', '=', ticketId)
      .orderBy('id')
      .execute(),
  );

describe("a mailbox's defaults on the tickets its mail opens", () => {
  it('sets category, priority and team, and the team routes the ticket (single-mail path)', async () => {
    const k = await inboundKit(t);
    const d = await defaults(k.ws, 'manual');
    await setDefaults(k.ws.id, k.mailbox.id, d);
    const row = await k.send({ from: 'payer@example.com', subject: 'Invoice', text: 'wrong amount' });
    const [ticket] = await k.tickets();
    expect(row.status).toBe('processed');
    expect(ticket).toMatchObject({
      category_id: d.category,
      priority_id: d.priority,
      team_id: d.team,
      assigned_to_id: null,
    });
    // Through routeArrival (modules/assignment): a manual team keeps it in its queue, and says why.
    expect(await routing(k.ws.id, ticket?.id ?? 0)).toEqual([
      expect.objectContaining({ to_team_id: d.team, to_user_id: null }),
    ]);
    expect((await routing(k.ws.id, ticket?.id ?? 0))[0]?.reason).toContain(k.mailbox.address);
  });

  it('applies them in the batch the jobs run, to SMTP and IMAP mail alike; round robin assigns', async () => {
    const k = await inboundKit(t);
    const d = await defaults(k.ws, 'round_robin');
    await setDefaults(k.ws.id, k.mailbox.id, d);
    const recipient = await findRecipientMailbox(db, k.mailbox.address);
    if (!recipient) throw new Error('no mailbox');
    const ids: number[] = [];
    for (const source of ['smtp', 'imap'] as const) {
      const raw = await compose({
        from: `${source}@example.com`,
        to: k.mailbox.address,
        subject: `By ${source}`,
        text: 'hello',
        messageId: `<${source}-${unique()}@example.com>`,
      });
      const stored = await storeInboundMail(
        { db, jobs: t.deps.jobs },
        { raw, recipients: [{ ...recipient, recipient: k.mailbox.address }], source },
      );
      ids.push(...stored);
    }
    const failed = await processInboundBatch(
      k.deps,
      ids.map((inboundEmailId) => ({ workspaceId: k.ws.id, inboundEmailId })),
    );
    expect(failed).toEqual([]);
    const tickets = await k.tickets();
    expect(tickets.map((x) => x.subject)).toEqual(['By smtp', 'By imap']);
    for (const ticket of tickets) {
      expect(ticket).toMatchObject({
        category_id: d.category,
        priority_id: d.priority,
        team_id: d.team,
        assigned_to_id: d.agent,
        mailbox_id: k.mailbox.id,
      });
    }
  });

  it('falls back to the workspace defaults when a default was deactivated since, never failing the mail', async () => {
    const k = await inboundKit(t);
    const d = await defaults(k.ws, 'manual');
    await setDefaults(k.ws.id, k.mailbox.id, d);
    await inWorkspace(db, k.ws.id, async (tx) => {
      await tx
        .updateTable('ticket_categories')
        .set({ is_active: false })
        .where('id', '=', d.category)
        .execute();
      await tx
        .updateTable('ticket_priorities')
        .set({ is_active: false })
        .where('id', '=', d.priority)
        .execute();
    });
    const row = await k.send({ from: 'late@example.com', subject: 'Still here', text: 'x' });
    expect(row.status).toBe('processed');
    const [ticket] = await k.tickets();
    expect(ticket?.category_id).toBeNull();
    expect(ticket?.priority_id).not.toBe(d.priority);
    expect(ticket?.team_id).toBe(d.team);
  });

  it('a reply threads onto its ticket and leaves its team alone', async () => {
    const k = await inboundKit(t);
    const d = await defaults(k.ws, 'manual');
    const first = await k.send({
      from: 'ann@example.com',
      subject: 'Before the defaults',
      text: 'one',
      messageId: `<first-${unique()}@example.com>`,
    });
    await setDefaults(k.ws.id, k.mailbox.id, d);
    await k.send({
      from: 'ann@example.com',
      subject: 'Re: Before the defaults',
      text: 'two',
      inReplyTo: first.message_id,
    });
    const tickets = await k.tickets();
    expect(tickets).toHaveLength(1);
    expect(tickets[0]?.team_id).toBeNull();
  });
});
