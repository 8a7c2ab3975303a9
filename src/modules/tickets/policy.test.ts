import { describe, expect, it } from 'vitest';
import { canCustomerReply, canRate, canSeeTicket, ticketPermissions } from './policy.js';

const ticket = { customer_id: 7, status: 'resolved' as const };
const owner = { kind: 'customer', customerId: 7 } as const;
const stranger = { kind: 'customer', customerId: 8 } as const;
const agent = { kind: 'staff', userId: 1, role: 'agent', via: 'token' } as const;

describe('ticket policy', () => {
  it('lets staff see every ticket, a customer only their own, a visitor none', () => {
    expect(canSeeTicket(ticket, agent)).toBe(true);
    expect(canSeeTicket(ticket, owner)).toBe(true);
    expect(canSeeTicket(ticket, stranger)).toBe(false);
    expect(canSeeTicket(ticket, { kind: 'anonymous' })).toBe(false);
  });

  it('lets only the owner rate, and only a resolved or closed ticket', () => {
    expect(canRate(ticket, owner)).toBe(true);
    expect(canRate({ ...ticket, status: 'open' }, owner)).toBe(false);
    expect(canRate(ticket, stranger)).toBe(false);
    expect(canRate(ticket, agent)).toBe(false);
  });

  it('lets customers write on active and resolved tickets only', () => {
    expect(['new', 'open', 'pending', 'on_hold', 'resolved'].every((s) => canCustomerReply(s as never))).toBe(
      true,
    );
    expect(canCustomerReply('closed')).toBe(false);
    expect(canCustomerReply('cancelled')).toBe(false);
  });

  it('sends the same answers to the UI', () => {
    expect(ticketPermissions(ticket, owner)).toEqual({
      reply: true,
      add_note: false,
      change_status: ['closed'],
      assign: false,
      rate: true,
    });
    expect(ticketPermissions(ticket, stranger)).toMatchObject({
      reply: false,
      rate: false,
      change_status: [],
    });
    expect(ticketPermissions(ticket, agent)).toMatchObject({
      reply: true,
      add_note: true,
      assign: true,
      rate: false,
    });
  });
});
