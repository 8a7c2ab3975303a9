import { describe, expect, it } from 'vitest';
import { assertKnownPlaceholders, renderTemplate, unknownPlaceholders } from './render-template.js';

const values = {
  'customer.name': 'Cora',
  'customer.email': 'cora@x.test',
  'ticket.ticket_number': 'DEMO-7',
  'ticket.subject': 'Parcel',
  'ticket.status': 'open',
  'agent.name': 'Agnes',
  'agent.email': 'agnes@x.test',
  'workspace.name': 'Demo Shop',
};

describe('template placeholders', () => {
  it('render every known placeholder, tolerating spaces inside the braces', () => {
    expect(
      renderTemplate(
        'Hi {{customer.name}}, re {{ ticket.ticket_number }} — {{agent.name}} at {{workspace.name}}',
        values,
      ),
    ).toBe('Hi Cora, re DEMO-7 — Agnes at Demo Shop');
  });

  it('find unknown placeholders and refuse them with a 400', () => {
    expect(unknownPlaceholders('{{customer.nmae}} {{ticket.subject}} {{order.total}}')).toEqual([
      'customer.nmae',
      'order.total',
    ]);
    expect(() => assertKnownPlaceholders('Hi {{customer.nmae}}', 'content')).toThrow(
      /unknown placeholder\(s\) \{\{customer\.nmae\}\}/,
    );
    expect(() => assertKnownPlaceholders('Hi {{customer.name}}', 'content')).not.toThrow();
  });
});
