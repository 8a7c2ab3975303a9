import { describe, expect, it } from 'vitest';
import { testApp } from '../../test/app.js';

const { app } = await testApp();

interface Operation {
  summary?: string;
  responses?: Record<string, unknown>;
}

// The seed's fifteen endpoints, as CONTRACT.md names them ({id} and {slug} are path parameters).
const SEED_ENDPOINTS = [
  'get /api/support/tickets/',
  'get /api/support/tickets/{id}/',
  'post /api/support/tickets/',
  'post /api/support/tickets/{id}/reply/',
  'put /api/support/tickets/{id}/status/',
  'post /api/support/tickets/{id}/rate/',
  'get /api/support/admin/tickets/',
  'post /api/support/admin/tickets/{id}/assign/',
  'get /api/support/templates/',
];

describe('the OpenAPI document', () => {
  it('describes every API operation with a summary and a documented success (or redirect) response', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/docs/json' });
    const doc = res.json<{ paths: Record<string, Record<string, Operation>> }>();
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ key: `${method} ${path}`, op })),
    );
    const api = operations.filter((o) => o.key.includes(' /api/'));
    expect(api.length).toBeGreaterThan(40);
    const undocumented = api.filter(
      ({ op }) => !op.summary || !Object.keys(op.responses ?? {}).some((c) => /^[23]/.test(c)),
    );
    expect(undocumented.map((o) => o.key)).toEqual([]);
    const keys = new Set(operations.map((o) => o.key));
    expect(SEED_ENDPOINTS.filter((e) => !keys.has(e))).toEqual([]);
  });
});
