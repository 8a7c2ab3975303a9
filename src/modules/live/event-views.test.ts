import { describe, expect, it } from 'vitest';
import type { LoggedEvent } from '../../platform/events/log.js';
import { frameFor, type TicketFacts } from './event-views.js';

const event = (type: string, payload: Record<string, unknown>, subjectType = 'ticket'): LoggedEvent => ({
  id: 7,
  workspaceId: 1,
  type,
  subjectType,
  subjectId: 70,
  actorUserId: 3,
  actorCustomerId: null,
  payload,
  createdAt: new Date('2026-12-06T12:00:00Z'),
  position: { xid: 900n, id: 7 },
});
const facts = (f: Partial<TicketFacts> = {}) =>
  new Map([[7, { ticketId: 70, customerId: 5, internal: false, ...f }]]);
const customer = { kind: 'customer' as const, customerId: 5 };
const staff = { kind: 'staff' as const, userId: 3 };

describe('frameFor', () => {
  it('sends notification events only to the user they name', () => {
    const e = event('notification.created', { user_id: 3, kind: 'assigned', ticket_id: 70 }, 'user');
    expect(frameFor(staff, e, new Map())?.id).toBe('900-7');
    expect(frameFor({ kind: 'staff', userId: 4 }, e, new Map())).toBeNull();
    expect(frameFor(customer, e, new Map())).toBeNull();
  });

  it("gives a customer only their own ticket's public message, by the facts read, not the payload", () => {
    const msg = event(
      'message.created',
      { ticket_id: 70, message_type: 'agent', is_internal: false },
      'message',
    );
    expect(frameFor(customer, msg, facts())?.data).toEqual({
      id: 7,
      type: 'message.created',
      ticket_id: 70,
      payload: { message_id: 70, message_type: 'agent' },
      created_at: '2026-12-06T12:00:00.000Z',
    });
    expect(frameFor(customer, msg, facts({ internal: true }))).toBeNull();
    expect(frameFor(customer, msg, facts({ customerId: 6 }))).toBeNull();
    expect(frameFor(customer, msg, new Map())).toBeNull();
  });

  it('shows a customer only the ticket fields they see, and nothing when none changed', () => {
    const changes = [
      { field: 'priority', old: 'low', new: 'high' },
      { field: 'assigned_to', old: null, new: 3 },
      { field: 'team', old: null, new: 2 },
    ];
    const frame = frameFor(customer, event('ticket.updated', { changes, reason: 'internal why' }), facts());
    expect(frame?.data).toMatchObject({ payload: { changes: [changes[0]] } });
    expect(JSON.stringify(frame)).not.toContain('internal why');
    const hidden = event('ticket.updated', { changes: changes.slice(1) });
    expect(frameFor(customer, hidden, facts())).toBeNull();
    expect(frameFor(customer, event('ticket.assigned', { assigned_to: 3 }), facts())).toBeNull();
    expect(frameFor(customer, event('sla.breached', {}), facts())).toBeNull();
    expect(frameFor(staff, hidden, facts())?.data).toMatchObject({ payload: { changes: changes.slice(1) } });
  });
});
