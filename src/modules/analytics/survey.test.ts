import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { asSystem, inWorkspace } from '../../db/tenant.js';
import { wantsEvent } from '../../platform/events/subscriber.js';
import { asBearer, TEST_SECRET, testApp } from '../../test/app.js';
import {
  buildAdmin,
  buildCustomer,
  buildToken,
  buildUser,
  buildWorkspace,
  customerSession,
} from '../../test/factories.js';
import { lastEventId, storedEvents } from '../../test/stored-events.js';
import { notificationSubscriber } from '../notifications/index.js';
import { refreshTicketStats } from './refresh-ticket-stats.js';
import { sendSurvey } from './survey-job.js';
import type { SupportStats } from './support-stats.js';
import { surveySubscriber } from './survey-subscriber.js';
import { surveyToken } from './survey-token.js';

const { app, db, deps } = await testApp();
const PUBLIC_URL = 'https://help.example.test';
const jobDeps = { db, jobs: deps.jobs, publicUrl: PUBLIC_URL, secret: TEST_SECRET, now: () => new Date() };
const form = (payload: Record<string, string>) => ({
  payload: new URLSearchParams(payload).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
});

async function setup() {
  const ws = await buildWorkspace(db);
  const admin = await buildAdmin(db, ws);
  const agent = await buildUser(db, ws, { name: 'Dana' });
  const agentToken = await buildToken(db, ws, agent.id);
  const customer = await buildCustomer(db, ws);
  const as = (token: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    app.inject(asBearer(token, { method, url, ...(payload ? { payload } : {}) }));
  const created = await as(admin.token, 'POST', '/api/support/tickets/', {
    subject: 'Broken lamp',
    description: 'It arrived broken',
    customer: customer.email,
  });
  expect(created.statusCode, created.body).toBe(201);
  const ticket = created.json<{ id: number; ticket_number: string }>();
  const assigned = await as(admin.token, 'POST', `/api/support/admin/tickets/${ticket.id}/assign/`, {
    assigned_to: agent.id,
  });
  expect(assigned.statusCode, assigned.body).toBe(200);
  let mark = await lastEventId(db, ws.id);
  const events = async () => {
    const list = await storedEvents(db, ws.id, { afterId: mark });
    mark = list.at(-1)?.id ?? mark;
    return list;
  };
  return { ws, admin, agent, agentToken, customer, ticket, as, events };
}

describe('satisfaction survey', () => {
  it('settings are for admins', async () => {
    const { admin, agentToken, customer, ws, as } = await setup();
    expect((await as(admin.token, 'GET', '/api/support/admin/satisfaction/')).json()).toEqual({
      survey_enabled: false,
      delay_minutes: 60,
      link_valid_days: 14,
    });
    expect(
      (await as(agentToken, 'PUT', '/api/support/admin/satisfaction/', { survey_enabled: true })).statusCode,
    ).toBe(403);
    const asCustomer = await app.inject({
      method: 'GET',
      url: '/api/support/admin/satisfaction/',
      headers: await customerSession(db, ws, customer.id),
    });
    expect(asCustomer.statusCode).toBe(403);
    const bad = await as(admin.token, 'PUT', '/api/support/admin/satisfaction/', { delay_minutes: -1 });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
  });

  it('mails one-click links after the delay; the page records a rating, a bad one notifies the assignee', async () => {
    const { ws, admin, agent, ticket, as, events } = await setup();
    const put = await as(admin.token, 'PUT', '/api/support/admin/satisfaction/', {
      survey_enabled: true,
      delay_minutes: 30,
    });
    expect(put.statusCode, put.body).toBe(200);
    const resolved = await as(admin.token, 'PUT', `/api/support/tickets/${ticket.id}/status/`, {
      status: 'resolved',
    });
    expect(resolved.statusCode, resolved.body).toBe(200);

    // The subscriber schedules the survey 30 minutes out.
    const survey = surveySubscriber({ db, jobs: deps.jobs });
    for (const e of await events()) if (wantsEvent(survey, e.type)) await survey.handle(e);
    const jobs = await db.raw.query<{ delay: number }>(
      `SELECT extract(epoch FROM start_after - created_on)::int AS delay FROM pgboss.job
       WHERE name = 'satisfaction.survey' AND data = $1::jsonb`,
      [JSON.stringify({ workspaceId: ws.id, ticketId: ticket.id })],
    );
    expect(jobs.rows.length).toBe(1);
    expect(jobs.rows[0]!.delay).toBeGreaterThanOrEqual(1790);
    expect(jobs.rows[0]!.delay).toBeLessThanOrEqual(1810);

    // The job: one mail per resolution (a second job, e.g. from a redelivered event, sends nothing).
    expect(await sendSurvey(jobDeps, ws.id, ticket.id)).toBe(true);
    expect(await sendSurvey(jobDeps, ws.id, ticket.id)).toBe(false);
    const mails = await asSystem(db, (tx) =>
      tx
        .selectFrom('outbound_emails')
        .select(['subject', 'text_body', 'to_address'])
        .where('ticket_id', '=', ticket.id)
        .where('subject', 'like', 'How did we do%')
        .execute(),
    );
    expect(mails).toHaveLength(1);
    const links = [
      ...mails[0]!.text_body.matchAll(/https:\/\/help\.example\.test(\/survey\/\S+\?rating=(\d))/g),
    ];
    expect(links.map((m) => m[2])).toEqual(['1', '2', '3', '4', '5']);
    const path = links[1]![1]!;

    // Opening the link (no login) shows the page with the choice preselected, and records nothing.
    const page = await app.inject({ method: 'GET', url: path });
    expect(page.statusCode, page.body).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('value="2" required checked');
    expect(page.body).toContain(ticket.ticket_number);
    const rating = () =>
      inWorkspace(db, ws.id, (tx) =>
        tx
          .selectFrom('support_tickets')
          .select(['satisfaction_rating', 'satisfaction_comment'])
          .where('id', '=', ticket.id)
          .executeTakeFirstOrThrow(),
      );
    expect((await rating()).satisfaction_rating).toBeNull();

    // The page's button records it, with the comment (HTML in it stays text).
    const action = path.split('?')[0]!;
    const sent = await app.inject({
      method: 'POST',
      url: action,
      ...form({ rating: '2', comment: 'Too <b>slow</b>' }),
    });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(await rating()).toEqual({ satisfaction_rating: 2, satisfaction_comment: 'Too <b>slow</b>' });
    expect((await app.inject({ method: 'GET', url: action })).body).toContain('Too &lt;b&gt;slow&lt;/b&gt;');
    // Staff see the rating on the ticket, and the report counts it with its comment.
    const seen = await as(admin.token, 'GET', `/api/support/tickets/${ticket.ticket_number}/`);
    expect(seen.json()).toMatchObject({ satisfaction_rating: 2, satisfaction_comment: 'Too <b>slow</b>' });
    await inWorkspace(db, ws.id, (tx) =>
      refreshTicketStats({ tx, workspaceId: ws.id, now: new Date() }, [ticket.id]),
    );
    const report = (await as(admin.token, 'GET', '/api/support/stats/')).json<SupportStats>();
    expect(report.csat.distribution['2']).toBe(1);
    expect(report.csat.latest_comments).toEqual([
      { ticket_number: ticket.ticket_number, rating: 2, comment: 'Too <b>slow</b>' },
    ]);

    // A bad rating is an event that notifies the assignee.
    const recorded = await events();
    const bad = recorded.find((e) => e.type === 'ticket.rated_badly');
    expect(bad?.payload).toEqual({
      ticket_id: ticket.id,
      ticket_number: ticket.ticket_number,
      rating: 2,
      assigned_to: agent.id,
    });
    const notifications = notificationSubscriber({ db, jobs: deps.jobs, publicUrl: PUBLIC_URL });
    for (const e of recorded) if (wantsEvent(notifications, e.type)) await notifications.handle(e);
    const inbox = await asSystem(db, (tx) =>
      tx
        .selectFrom('notifications')
        .select(['kind', 'user_id', 'title'])
        .where('workspace_id', '=', ws.id)
        .where('kind', '=', 'bad_rating')
        .execute(),
    );
    expect(inbox).toEqual([
      { kind: 'bad_rating', user_id: agent.id, title: `Rated 2 of 5: ${ticket.ticket_number} Broken lamp` },
    ]);

    // Changeable while resolved; not once closed.
    expect((await app.inject({ method: 'POST', url: action, ...form({ rating: '4' }) })).statusCode).toBe(
      200,
    );
    expect((await rating()).satisfaction_rating).toBe(4);
    expect((await events()).some((e) => e.type === 'ticket.rated_badly')).toBe(false);
    await as(admin.token, 'PUT', `/api/support/tickets/${ticket.id}/status/`, { status: 'closed' });
    const late = await app.inject({ method: 'POST', url: action, ...form({ rating: '5' }) });
    expect(late.statusCode).toBe(422);
    expect(late.body).toContain('can no longer be changed');
    expect((await rating()).satisfaction_rating).toBe(4);

    // Bad input answers 400, never 500.
    for (const body of [{ rating: '9' }, { rating: 'x' }, {}] as Record<string, string>[]) {
      const res = await app.inject({ method: 'POST', url: action, ...form(body) });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
  });

  it('links are signed, for one ticket, and expire', async () => {
    const { ws, ticket } = await setup();
    const other = await setup();
    const future = Math.floor(Date.now() / 1000) + 3600;
    const good = surveyToken(TEST_SECRET, { workspaceId: ws.id, ticketId: ticket.id, expires: future });
    expect((await app.inject({ method: 'GET', url: `/survey/${good}` })).statusCode).toBe(200);
    // Pointing the token at another ticket (or workspace) breaks the signature.
    const [, , exp, sig] = good.split('.');
    for (const forged of [
      `${ws.id}.${other.ticket.id}.${exp}.${sig}`,
      `${other.ws.id}.${other.ticket.id}.${exp}.${sig}`,
      surveyToken('another-secret-another-secret-another-secret', {
        workspaceId: ws.id,
        ticketId: ticket.id,
        expires: future,
      }),
      'not-a-token',
    ]) {
      const res = await app.inject({ method: 'POST', url: `/survey/${forged}`, ...form({ rating: '1' }) });
      expect(res.statusCode, forged).toBe(404);
    }
    const expired = surveyToken(TEST_SECRET, {
      workspaceId: ws.id,
      ticketId: ticket.id,
      expires: future - 7200,
    });
    const res = await app.inject({ method: 'GET', url: `/survey/${expired}` });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('expired');
    // A ticket that is not resolved cannot be rated through its link either.
    const open = await app.inject({ method: 'POST', url: `/survey/${good}`, ...form({ rating: '3' }) });
    expect(open.statusCode).toBe(422);
    const untouched = await asSystem(db, (tx) =>
      sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM support_tickets WHERE satisfaction_rating IS NOT NULL AND id IN (${ticket.id}, ${other.ticket.id})`.execute(
        tx,
      ),
    );
    expect(untouched.rows[0]?.n).toBe(0);
  });
});
