import { describe, expect, it } from 'vitest';
import { inboxQuery, viewQuery } from './views';

describe('inbox views', () => {
  it('turn the URL into the API query: the view, refined by filters, sort and search', () => {
    const params = new URLSearchParams('view=breaching&priority=high&team=3&q=+refund+&sort=updated_at');
    expect(inboxQuery(params)).toEqual({
      status: 'new,open',
      breached: false,
      sort: 'updated_at',
      priority: 'high',
      team: 3,
      q: 'refund',
    });
  });

  it('default to My open, and ignore an unknown view or sort', () => {
    expect(inboxQuery(new URLSearchParams('view=nope&sort=drop'))).toEqual(viewQuery('mine'));
  });

  it('show My teams as every team the agent belongs to (the API resolves "mine")', () => {
    expect(viewQuery('teams').team).toBe('mine');
    expect(inboxQuery(new URLSearchParams('view=teams&team=4')).team).toBe(4);
  });
});
