import { describe, expect, it } from 'vitest';
import { adminContext } from '../../test/admin-context.js';
import { testApp } from '../../test/app.js';
import { buildCustomer, customerSession } from '../../test/factories.js';

const { app, db } = await testApp();
const PREVIEW = '/api/support/admin/kb/preview/';

describe('KB editor preview', () => {
  it('renders Markdown as the help centre does, sanitised, for any staff member', async () => {
    const { call, agentToken } = await adminContext(app, db, PREVIEW);
    const content =
      '## Returns\n\nSend it **back** within [14 days](https://shop.example/returns).\n\n' +
      '<script>alert(1)</script> [bad](javascript:alert(1)) <img src=x onerror=alert(1)>';
    const res = await call('POST', PREVIEW, { content }, agentToken);
    expect(res.statusCode, res.body).toBe(200);
    const { html, excerpt } = res.json<{ html: string; excerpt: string }>();
    expect(html).toContain('<h2>Returns</h2>');
    expect(html).toContain('<strong>back</strong>');
    expect(html).toContain('href="https://shop.example/returns"');
    expect(html).not.toMatch(/<script|<img|href="javascript:/i);
    expect(html).toContain('&lt;script&gt;');
    expect(excerpt).toMatch(/^Returns Send it back within 14 days/);
  });

  it('refuses bad input with 400 and customers with 403', async () => {
    const { call, ws } = await adminContext(app, db, PREVIEW);
    for (const payload of [{}, { content: 1 }, { content: 'x'.repeat(200_001) }, { content: '', x: 1 }]) {
      const res = await call('POST', PREVIEW, payload);
      expect(res.statusCode, JSON.stringify(payload).slice(0, 40)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const customer = await buildCustomer(db, ws);
    const headers = await customerSession(db, ws, customer.id);
    const denied = await app.inject({ method: 'POST', url: PREVIEW, headers, payload: { content: 'x' } });
    expect(denied.statusCode).toBe(403);
    const anonymous = await app.inject({ method: 'POST', url: PREVIEW, payload: { content: 'x' } });
    expect(anonymous.statusCode).toBe(401);
  });
});
