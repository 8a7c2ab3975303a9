import { describe, expect, it } from 'vitest';
import { inWorkspace, type Tx } from '../../db/tenant.js';
import { asBearer, testApp } from '../../test/app.js';
import {
  buildAdmin,
  buildCustomer,
  buildUser,
  buildToken,
  buildWorkspace,
  customerSession,
} from '../../test/factories.js';
import { assertEventPayload, InvalidEventError, recordEvent, type DomainEvent } from '../events.js';
import { EVENT_TYPES, eventCatalogueDocument } from './catalogue.js';

const { app, db } = await testApp();

/**
 * Compile-time proof that recordEvent takes only catalogue types with their payloads: `npm run typecheck`
 * fails if any of these lines compiles (an unused @ts-expect-error is an error). Never called.
 */
export function recordEventTypeChecks(tx: Tx): void {
  const unknownType = { workspaceId: 1, type: 'ticket.exploded', subjectId: 1, payload: {} } as const;
  // @ts-expect-error a type outside the catalogue
  void recordEvent(tx, unknownType);
  const missingField = {
    workspaceId: 1,
    type: 'message.created',
    subjectId: 1,
    payload: { ticket_id: 1, message_id: 2, message_type: 'note' },
  } as const;
  // @ts-expect-error message.created without is_internal
  void recordEvent(tx, missingField);
  const otherTypesPayload = {
    workspaceId: 1,
    type: 'ticket.rated',
    subjectId: 1,
    payload: { ticket_id: 1, message_id: 2, message_type: 'note', is_internal: true },
  } as const;
  // @ts-expect-error message.created's payload under ticket.rated
  void recordEvent(tx, otherTypesPayload);
  const wrongSubject = {
    workspaceId: 1,
    type: 'ticket.rated',
    subjectType: 'article',
    subjectId: 1,
    payload: { ticket_id: 1, rating: 5, previous: null },
  } as const;
  // @ts-expect-error ticket.rated is about a ticket, not an article
  void recordEvent(tx, wrongSubject);
  const wrongValue = {
    workspaceId: 1,
    type: 'ticket.status_changed',
    subjectId: 1,
    payload: { ticket_id: 1, ticket_number: 'T-1', from: 'new', to: 'exploded' },
  } as const;
  // @ts-expect-error 'exploded' is no ticket status
  void recordEvent(tx, wrongValue);
  // And the right thing compiles.
  void recordEvent(tx, {
    workspaceId: 1,
    type: 'message.created',
    subjectId: 1,
    payload: { ticket_id: 1, message_id: 2, message_type: 'note', is_internal: true },
  });
}

describe('the event catalogue', () => {
  it('is plain JSON schema per type, with the payload fields other code builds against', () => {
    const doc = JSON.parse(JSON.stringify(eventCatalogueDocument())) as ReturnType<
      typeof eventCatalogueDocument
    >;
    expect(Object.keys(doc).sort()).toEqual([...EVENT_TYPES].sort());
    const fields = (type: keyof typeof doc) => Object.keys(doc[type].payload.properties as object);
    expect(fields('ticket.created')).toEqual(
      expect.arrayContaining([
        'ticket_id',
        'ticket_number',
        'channel',
        'customer_id',
        'assigned_to',
        'team_id',
      ]),
    );
    expect(fields('ticket.status_changed')).toEqual(
      expect.arrayContaining(['ticket_id', 'ticket_number', 'from', 'to', 'reason']),
    );
    expect(fields('ticket.assigned')).toEqual(
      expect.arrayContaining([
        'ticket_id',
        'action',
        'from_user_id',
        'to_user_id',
        'from_team_id',
        'to_team_id',
        'reason',
      ]),
    );
    expect(fields('message.created')).toEqual(['ticket_id', 'message_id', 'message_type', 'is_internal']);
    for (const type of ['sla.warning', 'sla.breached'] as const) {
      expect(fields(type)).toEqual(
        expect.arrayContaining(['ticket_id', 'ticket_number', 'target', 'due_at', 'assigned_to', 'team_id']),
      );
    }
    expect(fields('ticket.escalated')).toEqual(
      expect.arrayContaining(['ticket_id', 'ticket_number', 'to_team_id', 'reason']),
    );
    expect(fields('notification.created')).toEqual(['user_id', 'notification_id', 'kind', 'ticket_id']);
    expect(doc['message.created']).toMatchObject({
      subject: 'message',
      payload: { additionalProperties: false },
    });
  });

  it('refuses unknown types, missing and extra fields, wrong values and non-ISO times at run time', () => {
    const ok = { ticket_id: 1, message_id: 2, message_type: 'agent', is_internal: false };
    expect(() => assertEventPayload('message.created', ok)).not.toThrow();
    expect(() => assertEventPayload('message.exploded', ok)).toThrow(InvalidEventError);
    expect(() => assertEventPayload('message.created', { ...ok, is_internal: undefined })).toThrow(
      /is_internal/,
    );
    expect(() => assertEventPayload('message.created', { ...ok, body: 'secret' })).toThrow(InvalidEventError);
    expect(() => assertEventPayload('message.created', { ...ok, message_type: 'shout' })).toThrow(
      InvalidEventError,
    );
    const warning = {
      ticket_id: 1,
      ticket_number: 'T-1',
      target: 'response',
      due_at: '2026-12-06T10:00:00.000Z',
      warning_at: '2026-12-06T09:00:00.000Z',
      assigned_to: null,
      team_id: null,
      sla_id: 3,
    };
    expect(() => assertEventPayload('sla.warning', warning)).not.toThrow();
    expect(() => assertEventPayload('sla.warning', { ...warning, due_at: 'tomorrow' })).toThrow(/due_at/);
  });

  it('rolls the change back when a payload is refused: nothing is written', async () => {
    const ws = await buildWorkspace(db);
    const bad = {
      workspaceId: ws.id,
      type: 'ticket.rated',
      subjectId: 1,
      payload: { ticket_id: 1, rating: 9, previous: null },
    } as const;
    await expect(inWorkspace(db, ws.id, (tx) => recordEvent(tx, bad))).rejects.toThrow(InvalidEventError);
    const rows = await inWorkspace(db, ws.id, (tx) =>
      tx.selectFrom('domain_events').select('id').where('workspace_id', '=', ws.id).execute(),
    );
    expect(rows).toEqual([]);
  });
});

describe('events recorded by the product’s flows', () => {
  it('validate against their schemas as stored, one of each ticket, message, kb and user type', async () => {
    const ws = await buildWorkspace(db);
    const admin = await buildAdmin(db, ws);
    const agent = await buildUser(db, ws, { role: 'agent' });
    const agentToken = await buildToken(db, ws, agent.id);
    const customer = await buildCustomer(db, ws);
    const session = await customerSession(db, ws, customer.id);
    const call = async (token: string, method: 'POST' | 'PUT' | 'PATCH', url: string, payload: object) => {
      const res = await app.inject(asBearer(token, { method, url, payload }));
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
      return res.json<{ id: number }>();
    };

    const opened = await app.inject({
      method: 'POST',
      url: '/api/support/tickets/',
      headers: session,
      payload: { subject: 'Parcel', description: 'Where is it?' },
    });
    expect(opened.statusCode).toBe(201);
    const ticket = opened.json<{ id: number; ticket_number: string }>();
    const t = `/api/support/tickets/${ticket.id}/`;
    const team = await call(admin.token, 'POST', '/api/support/admin/teams/', {
      name: 'Escalations',
      members: [agent.id],
    });
    await call(admin.token, 'PATCH', t, { subject: 'Parcel lost' });
    await call(admin.token, 'POST', `/api/support/admin/tickets/${ticket.id}/assign/`, {
      assigned_to: agent.id,
    });
    await call(admin.token, 'POST', `/api/support/admin/tickets/${ticket.id}/assign/`, {
      team: team.id,
      escalate: true,
      reason: 'customer is upset',
    });
    await call(agentToken, 'POST', `/api/support/admin/tickets/${ticket.id}/tags/`, { add: ['Refund'] });
    await call(agentToken, 'POST', `${t}reply/`, { message: 'check the depot', is_internal: true });
    await call(agentToken, 'PUT', `${t}status/`, { status: 'resolved', reason: 'found it' });
    const rated = await app.inject({
      method: 'POST',
      url: `${t}rate/`,
      headers: session,
      payload: { rating: 5 },
    });
    expect(rated.statusCode).toBe(200);
    await call(admin.token, 'POST', '/api/support/admin/kb/articles/', {
      title: 'Lost parcels',
      content: 'What to do.',
      status: 'published',
    });
    await call(agentToken, 'PUT', '/api/support/me/availability/', { availability: 'away' });

    const events = await inWorkspace(db, ws.id, (tx) =>
      tx
        .selectFrom('domain_events')
        .select(['type', 'subject_type', 'payload'])
        .where('workspace_id', '=', ws.id)
        .orderBy('id')
        .execute(),
    );
    for (const e of events) {
      expect(
        () => assertEventPayload(e.type, e.payload),
        `${e.type} ${JSON.stringify(e.payload)}`,
      ).not.toThrow();
      expect(e.subject_type).toBe(eventCatalogueDocument()[e.type as DomainEvent['type']].subject);
    }
    expect(new Set(events.map((e) => e.type))).toEqual(
      new Set([
        'ticket.created',
        'ticket.updated',
        'ticket.assigned',
        'ticket.escalated',
        'ticket.tagged',
        'message.created',
        'ticket.status_changed',
        'ticket.rated',
        'kb.article.published',
        'user.availability_changed',
      ]),
    );
    const payloadOf = (type: string) => events.find((e) => e.type === type)?.payload;
    expect(payloadOf('ticket.created')).toMatchObject({
      ticket_id: ticket.id,
      ticket_number: ticket.ticket_number,
      channel: 'web',
      customer_id: customer.id,
    });
    expect(payloadOf('message.created')).toMatchObject({
      ticket_id: ticket.id,
      is_internal: true,
      message_type: 'note',
    });
    expect(payloadOf('ticket.tagged')).toEqual({
      ticket_id: ticket.id,
      ticket_number: ticket.ticket_number,
      added: ['refund'],
      removed: [],
      tags: ['refund'],
    });
    expect(payloadOf('ticket.escalated')).toMatchObject({
      to_team_id: team.id,
      reason: 'customer is upset',
      moved: true,
    });
    expect(payloadOf('ticket.status_changed')).toEqual({
      ticket_id: ticket.id,
      ticket_number: ticket.ticket_number,
      from: 'new',
      to: 'resolved',
      reason: 'found it',
    });
  });
});
