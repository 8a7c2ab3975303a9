import { describe, expect, it } from 'vitest';
import { inboxQuery, viewQuery } from './views';

describe('inbox views', () => {
  it('turn the URL into the API query: the view, refined by filters, sort and search', () => {
    const params = new URLSearchParams('view=breaching&priority=high&team=3&q=+refund+&sort=updated_at');
    expect(inboxQuery(params, null)).toEqual({
      status: 'new,open',
      breached: false,
      sort: 'updated_at',
      priority: 'high',
      team: 3,
      q: 'refund',
    });
  });

  it('default to My open, and ignore an unknown view or sort', () => {
    expect(inboxQuery(new URLSearchParams('view=nope&sort=drop'), null)).toEqual(viewQuery('mine', null));
  });

  it('narrow My teams to the agent’s team when there is one', () => {
    expect(viewQuery('teams', 7).team).toBe(7);
    expect(viewQuery('teams', null).team).toBeUndefined();
  });
});
