import { describe, expect, it } from 'vitest';
import { testApp } from '../../test/app.js';
import { customerSession, priorityOf } from '../../test/factories.js';
import { GOLD, SLAS, slaContext } from './sla-test-context.js';

const { app, db } = await testApp();
const setup = () => slaContext(app, db);

interface SlaJson {
  id: number;
  name: string;
  is_default: boolean;
  holidays: { date: string; name: string; recurring: boolean }[];
  latest_recompute: { id: number; status: string } | null;
}

describe('SLA admin CRUD', () => {
  it('creates with the seed’s fields, holidays and the workspace’s zone by default', async () => {
    const t = await setup();
    const team = await t.ok<{ id: number }>(
      'POST',
      '/api/support/admin/teams/',
      { name: 'Escalations' },
      201,
    );
    const full = await t.ok<Record<string, unknown>>(
      'POST',
      SLAS,
      {
        ...GOLD,
        description: 'Key accounts',
        business_hours_end: '17:30:15',
        business_days: [5, 1, 2],
        warning_percent: 75,
        escalate_on_breach: false,
        escalation_team: team.id,
        holidays: [
          { date: '2025-12-25', name: 'Christmas', recurring: true },
          { date: '2025-04-18', name: 'Good Friday' },
        ],
      },
      201,
    );
    expect(full).toMatchObject({
      name: 'Gold',
      description: 'Key accounts',
      first_response_hours: 4,
      resolution_hours: 16,
      uses_business_hours: true,
      business_hours_start: '09:00',
      business_hours_end: '17:30:15',
      business_days: [1, 2, 5],
      timezone: 'Europe/Berlin',
      warning_percent: 75,
      escalate_on_breach: false,
      escalation_team: { id: team.id, name: 'Escalations' },
      is_active: true,
      is_default: false,
      latest_recompute: null,
      holidays: [
        { date: '2025-04-18', name: 'Good Friday', recurring: false },
        { date: '2025-12-25', name: 'Christmas', recurring: true },
      ],
    });
    const bare = await t.ok<Record<string, unknown>>('POST', SLAS, { name: 'Plain' }, 201);
    expect(bare).toMatchObject({
      first_response_hours: 24,
      resolution_hours: 72,
      business_hours_start: '09:00',
      business_hours_end: '17:00',
      business_days: [1, 2, 3, 4, 5],
      timezone: 'Europe/Berlin', // the workspace's
      warning_percent: 80,
      escalation_team: null,
      holidays: [],
    });
  });

  it('patches (holidays replaced as a set), replaces with PUT and deletes', async () => {
    const t = await setup();
    const sla = await t.createSla({ holidays: [{ date: '2025-01-01', name: 'New Year', recurring: true }] });
    const patched = await t.ok<SlaJson & { first_response_hours: number }>('PATCH', `${SLAS}${sla.id}/`, {
      holidays: [{ date: '2025-05-01', name: 'Labour Day' }],
    });
    expect(patched.holidays).toEqual([{ date: '2025-05-01', name: 'Labour Day', recurring: false }]);
    expect(patched.first_response_hours).toBe(4);
    expect(patched.latest_recompute).toMatchObject({ status: 'queued' });
    const renamed = await t.ok<SlaJson>('PATCH', `${SLAS}${sla.id}/`, { name: 'Gold+' });
    expect(renamed.holidays).toHaveLength(1);
    expect(renamed.latest_recompute?.id).toBe(patched.latest_recompute?.id); // a rename recomputes nothing

    const replaced = await t.ok<SlaJson & Record<string, unknown>>('PUT', `${SLAS}${sla.id}/`, {
      name: 'Silver',
      first_response_hours: 8,
      resolution_hours: 40,
    });
    expect(replaced).toMatchObject({
      name: 'Silver',
      first_response_hours: 8,
      business_hours_start: '09:00',
      timezone: 'Europe/Berlin',
      holidays: [],
    });
    expect((await t.call('PUT', `${SLAS}${sla.id}/`, { name: 'No hours' })).statusCode).toBe(400);
    expect((await t.call('DELETE', `${SLAS}${sla.id}/`)).statusCode).toBe(204);
    expect((await t.call('GET', `${SLAS}${sla.id}/`)).statusCode).toBe(404);
  });

  it('keeps one default per workspace: setting is_default moves it', async () => {
    const t = await setup();
    const a = await t.createSla({ name: 'A', is_default: true });
    const b = await t.createSla({ name: 'B' });
    await t.ok('PATCH', `${SLAS}${b.id}/`, { is_default: true });
    const list = await t.ok<{ results: SlaJson[] }>('GET', SLAS);
    expect(list.results.map((s) => [s.name, s.is_default])).toEqual([
      ['A', false],
      ['B', true],
    ]);
    expect(a.id).toBeLessThan(b.id);
    const off = await t.call('PATCH', `${SLAS}${b.id}/`, { is_active: false });
    expect(off.statusCode).toBe(400);
    expect(off.json()).toMatchObject({ errors: [{ path: 'is_default' }] });
  });

  it('lists in (name, id) order with a cursor and filters by is_active', async () => {
    const t = await setup();
    for (const name of ['Charlie', 'Alpha', 'Bravo']) await t.createSla({ name });
    await t.createSla({ name: 'Delta', is_active: false });
    const page1 = await t.ok<{ results: SlaJson[]; next_cursor: string }>('GET', `${SLAS}?limit=2`);
    expect(page1.results.map((s) => s.name)).toEqual(['Alpha', 'Bravo']);
    const page2 = await t.ok<{ results: SlaJson[]; next_cursor: null }>(
      'GET',
      `${SLAS}?limit=2&cursor=${page1.next_cursor}`,
    );
    expect(page2.results.map((s) => s.name)).toEqual(['Charlie', 'Delta']);
    expect(page2.next_cursor).toBeNull();
    const active = await t.ok<{ results: SlaJson[] }>('GET', `${SLAS}?is_active=true`);
    expect(active.results.map((s) => s.name)).toEqual(['Alpha', 'Bravo', 'Charlie']);
    expect((await t.call('GET', `${SLAS}?cursor=garbage`)).statusCode).toBe(400);
  });
});

describe('SLA validation', () => {
  const cases: [string, object, string][] = [
    [
      'start equal to end',
      { business_hours_start: '09:00', business_hours_end: '09:00' },
      'business_hours_end',
    ],
    ['an unknown time zone', { timezone: 'Mars/Olympus_Mons' }, 'timezone'],
    ['a weekday out of range', { business_days: [1, 8] }, 'body.business_days.1'],
    ['no business day', { business_days: [] }, 'business_days'],
    ['an impossible holiday', { holidays: [{ date: '2025-02-30' }] }, 'holidays/0/date'],
    [
      'a holiday twice',
      { holidays: [{ date: '2025-05-01' }, { date: '2025-05-01', recurring: true }] },
      'holidays/1/date',
    ],
    ['a bad time', { business_hours_start: '25:00' }, 'body.business_hours_start'],
    ['zero hours', { first_response_hours: 0 }, 'body.first_response_hours'],
    ['warning 100 %', { warning_percent: 100 }, 'body.warning_percent'],
    ['an inactive default', { is_default: true, is_active: false }, 'is_default'],
    ['an unknown escalation team', { escalation_team: 999999 }, 'escalation_team'],
    ['an unknown field', { colour: 'gold' }, 'body'],
  ];
  for (const [what, body, path] of cases) {
    it(`refuses ${what} with a 400 problem naming ${path}`, async () => {
      const t = await setup();
      const res = await t.call('POST', SLAS, { ...GOLD, ...body });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      const problem = res.json<{ errors: { path: string }[] }>();
      expect(problem.errors.map((e) => e.path)).toContain(path);
    });
  }

  it('accepts an overnight window and a 24×7 SLA without business days', async () => {
    const t = await setup();
    await t.createSla({ business_hours_start: '22:00', business_hours_end: '06:00' });
    await t.createSla({ uses_business_hours: false, business_days: [] });
  });
});

describe('SLA access', () => {
  it('is for admins only, and another workspace’s SLAs answer 404 on every endpoint', async () => {
    const t = await setup();
    const other = await setup();
    const theirs = await other.createSla();
    expect((await t.call('GET', SLAS, undefined, t.agentToken)).statusCode).toBe(403);
    expect((await t.call('POST', SLAS, GOLD, t.agentToken)).statusCode).toBe(403);
    const session = await customerSession(db, t.ws, t.customer.id);
    expect((await app.inject({ method: 'GET', url: SLAS, headers: session })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: SLAS })).statusCode).toBe(401);
    const base = `${SLAS}${theirs.id}/`;
    const calls: [Parameters<typeof t.call>[0], string, object?][] = [
      ['GET', base],
      ['PATCH', base, { name: 'Mine' }],
      ['PUT', base, { name: 'Mine', first_response_hours: 1, resolution_hours: 2 }],
      ['DELETE', base],
      ['GET', `${base}recompute/`],
      ['POST', `${base}recompute/`],
      ['GET', `${base}due-date/?start=2025-03-03T09:00:00Z&hours=1`],
      ['POST', `${base}simulate/`, { from: '2025-01-01T00:00:00Z', to: '2025-02-01T00:00:00Z' }],
    ];
    for (const [method, url, body] of calls) {
      expect((await t.call(method, url, body)).statusCode, `${method} ${url}`).toBe(404);
    }
    expect((await other.call('GET', base)).statusCode).toBe(200);
  });

  it('refuses another workspace’s team as escalation team, and its ids as simulation filters (400)', async () => {
    const t = await setup();
    const other = await setup();
    const sla = await t.createSla({ name: 'Mine' });
    const team = await other.ok<{ id: number }>(
      'POST',
      '/api/support/admin/teams/',
      { name: 'Secret team' },
      201,
    );
    const category = await other.createCategory({ name: 'Secret category', slug: 'secret-category' });
    const priority = await priorityOf(db, other.ws, 'urgent');
    const refused = (res: { statusCode: number; body: string }, path: string, what: string) => {
      expect(res.statusCode, what).toBe(400);
      expect(JSON.parse(res.body), what).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path }] });
      expect(res.body, what).not.toMatch(/Secret/);
    };
    const writes: [Parameters<typeof t.call>[0], string, object][] = [
      ['POST', SLAS, { ...GOLD, escalation_team: team.id }],
      ['PATCH', `${SLAS}${sla.id}/`, { escalation_team: team.id }],
      ['PUT', `${SLAS}${sla.id}/`, { ...GOLD, escalation_team: team.id }],
    ];
    for (const [method, url, body] of writes) {
      refused(await t.call(method, url, body), 'escalation_team', method);
    }
    expect(await t.ok('GET', `${SLAS}${sla.id}/`)).toMatchObject({ name: 'Mine', escalation_team: null });
    expect((await t.ok<{ results: SlaJson[] }>('GET', SLAS)).results.map((s) => s.name)).toEqual(['Mine']);

    const week = { from: '2025-03-03T00:00:00Z', to: '2025-03-10T00:00:00Z' };
    const filters: [string, object][] = [
      ['filters.priority', { priority: priority.id }],
      ['filters.priority', { priority: ['medium', String(priority.id)] }],
      ['filters.category', { category: category.id }],
      ['filters.category', { category: [category.slug] }],
      ['filters.team', { team: team.id }],
      ['filters.team', { team: [team.id] }],
    ];
    for (const [path, f] of filters) {
      refused(await t.call('POST', `${SLAS}${sla.id}/simulate/`, { ...week, filters: f }), path, path);
    }
    // The same filters naming this workspace's own objects are accepted.
    const own = await t.call('POST', `${SLAS}${sla.id}/simulate/`, {
      ...week,
      filters: { priority: (await priorityOf(db, t.ws, 'urgent')).id },
    });
    expect(own.statusCode, own.body).toBe(200);
  });

  it('starts a recompute on request and lists the runs newest first', async () => {
    const t = await setup();
    const sla = await t.createSla();
    const res = await t.call('POST', `${SLAS}${sla.id}/recompute/`);
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ status: 'queued', scope: 'sla', sla: sla.id, total: 0 });
    await t.call('POST', `${SLAS}${sla.id}/recompute/`);
    const runs = await t.ok<{ results: { id: number }[] }>('GET', `${SLAS}${sla.id}/recompute/?limit=1`);
    expect(runs.results).toHaveLength(1);
    expect(runs.results[0]?.id).toBeGreaterThan(res.json<{ id: number }>().id);
  });
});

describe('the due-date calculator', () => {
  const due = async (t: Awaited<ReturnType<typeof setup>>, id: number, query: string) =>
    t.call('GET', `${SLAS}${id}/due-date/?${query}`);

  it('counts business hours on the SLA’s calendar; a due on closing time is that closing time', async () => {
    const t = await setup();
    const sla = await t.createSla({ holidays: [{ date: '2025-03-04', name: 'Carnival' }] });
    const at = async (start: string, hours: string) =>
      (await due(t, sla.id, `start=${encodeURIComponent(start)}&hours=${hours}`)).json<{ due_at: string }>()
        .due_at;
    // Mon 15:00 Berlin + 2 h = Mon 17:00 exactly (closing), not Tue/Wed 09:00.
    expect(await at('2025-03-03T15:00:00+01:00', '2')).toBe('2025-03-03T16:00:00.000Z');
    // + 2.5 h: 2 h Monday, Tuesday is a holiday → Wed 09:30.
    expect(await at('2025-03-03T15:00:00+01:00', '2.5')).toBe('2025-03-05T08:30:00.000Z');
    // From Saturday: counting starts Monday 09:00.
    expect(await at('2025-03-08T10:00:00Z', '1')).toBe('2025-03-10T09:00:00.000Z');
    expect(await at('2025-03-08T10:00:00Z', '0')).toBe('2025-03-08T10:00:00.000Z');
    const body = (await due(t, sla.id, 'start=2025-03-03T14:00:00Z&hours=1')).json<unknown>();
    expect(body).toEqual({
      due_at: '2025-03-03T15:00:00.000Z',
      start: '2025-03-03T14:00:00.000Z',
      hours: 1,
      timezone: 'Europe/Berlin',
      uses_business_hours: true,
    });
  });

  it('answers 400 problem+json for a bad start or hours', async () => {
    const t = await setup();
    const sla = await t.createSla();
    for (const query of [
      'start=yesterday&hours=1',
      'start=2025-03-03&hours=1',
      'start=2025-13-45T10:00:00Z&hours=1',
      'start=2025-03-03T10:00:00Z&hours=-1',
      'start=2025-03-03T10:00:00Z&hours=abc',
      'start=2025-03-03T10:00:00Z&hours=1000000',
      'start=2025-03-03T10:00:00Z',
    ]) {
      const res = await due(t, sla.id, query);
      expect(res.statusCode, query).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });
});
