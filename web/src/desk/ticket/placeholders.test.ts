import { describe, expect, it } from 'vitest';
import { splitQuoted } from './Conversation';
import { fillPlaceholders } from './placeholders';

describe('fillPlaceholders', () => {
  it('fills known placeholders, tolerating spaces, and leaves unknown ones', () => {
    const values = { 'customer.name': 'Dana', 'ticket.ticket_number': 'DEMO-4' };
    expect(fillPlaceholders('Hi {{customer.name}}, re {{ ticket.ticket_number }} {{x.y}}', values)).toBe(
      'Hi Dana, re DEMO-4 {{x.y}}',
    );
  });
});

describe('splitQuoted', () => {
  it('folds the trailing quoted history of an email reply', () => {
    expect(splitQuoted('Thanks!\n\nOn Mon, Ben wrote:\n> old text')).toEqual({
      body: 'Thanks!',
      quoted: 'On Mon, Ben wrote:\n> old text',
    });
    expect(splitQuoted('a\n> quoted in the middle\nb').quoted).toBe('');
  });
});
