import { describe, expect, it } from 'vitest';
import { testApp } from '../../test/app.js';
import { SLAS, slaContext } from './sla-test-context.js';

const { app, db } = await testApp();

interface Preview {
  priority: { code: string };
  response: { due_at: string; hours: number; source: string };
  resolution: { due_at: string; hours: number; source: string };
}

// Gold: Berlin, Mon–Fri 09:00–17:00, 4 h / 16 h. Thursday 18 Dec 2025, 15:00 in Berlin.
const THURSDAY_3PM = '2025-12-18T14:00:00Z';

describe('SLA due-date preview', () => {
  it('computes the dues of a hypothetical ticket and moves them with unsaved holiday edits', async () => {
    const t = await setup();
    const sla = await t.createSla();
    const url = `${SLAS}${sla.id}/preview/`;
    const stored = await t.ok<Preview>('POST', url, { created_at: THURSDAY_3PM });
    expect(stored).toMatchObject({
      priority: { code: 'medium' },
      response: { hours: 4, source: 'sla', due_at: '2025-12-19T10:00:00.000Z' },
      resolution: { hours: 16, source: 'sla', due_at: '2025-12-22T14:00:00.000Z' },
    });

    // A holiday on Monday 22nd (not saved) pushes the resolution to Tuesday; the response stays.
    const edited = await t.ok<Preview>('POST', url, {
      created_at: THURSDAY_3PM,
      changes: { holidays: [{ date: '2025-12-22', name: 'Extra day' }] },
    });
    expect(edited.response.due_at).toBe('2025-12-19T10:00:00.000Z');
    expect(edited.resolution.due_at).toBe('2025-12-23T14:00:00.000Z');
    const saved = await t.ok<{ holidays: unknown[] }>('GET', `${SLAS}${sla.id}/`);
    expect(saved.holidays).toEqual([]);

    // The stricter side wins: Urgent's 2 h end at closing time on the day.
    const urgent = await t.ok<Preview>('POST', url, { created_at: THURSDAY_3PM, priority: 'urgent' });
    expect(urgent.response).toEqual({ hours: 2, source: 'priority', due_at: '2025-12-18T16:00:00.000Z' });
  });

  it('answers bad input with 400, agents with 403 and another workspace’s SLA with 404', async () => {
    const t = await setup();
    const sla = await t.createSla();
    const url = `${SLAS}${sla.id}/preview/`;
    for (const payload of [
      { created_at: 'yesterday' },
      { created_at: THURSDAY_3PM, priority: 'extreme' },
      { created_at: THURSDAY_3PM, changes: { holidays: [{ date: '2025-02-30' }] } },
      { created_at: THURSDAY_3PM, changes: { business_hours_start: '25:00' } },
      {},
    ]) {
      const res = await t.call('POST', url, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const denied = await t.call('POST', url, { created_at: THURSDAY_3PM }, t.agentToken);
    expect(denied.statusCode).toBe(403);
    const other = await setup();
    const foreign = await other.call('POST', url, { created_at: THURSDAY_3PM });
    expect(foreign.statusCode).toBe(404);
  });
});

const setup = () => slaContext(app, db);
