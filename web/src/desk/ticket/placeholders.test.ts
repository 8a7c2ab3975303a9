import { describe, expect, it } from 'vitest';
import { fillPlaceholders } from './placeholders';

describe('fillPlaceholders', () => {
  it('fills known placeholders, tolerating spaces, and leaves unknown ones', () => {
    const values = { 'customer.name': 'Dana', 'ticket.ticket_number': 'DEMO-4' };
    expect(fillPlaceholders('Hi {{customer.name}}, re {{ ticket.ticket_number }} {{x.y}}', values)).toBe(
      'Hi Dana, re DEMO-4 {{x.y}}',
    );
  });
});
