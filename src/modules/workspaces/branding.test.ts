/** GET /api/support/branding/: the one public source of a workspace's name, language and branding. */
import { describe, expect, it } from 'vitest';
import { asSystem } from '../../db/tenant.js';
import { testApp } from '../../test/app.js';
import { buildWorkspace } from '../../test/factories.js';

const ctx = await testApp();

describe('GET /api/support/branding/', () => {
  it('names the workspace, with the product’s look when no branding is set', async () => {
    const ws = await buildWorkspace(ctx.db, { name: 'Acme Shop' });
    const res = await ctx.app.inject({ method: 'GET', url: `/api/support/branding/?workspace=${ws.slug}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      slug: ws.slug,
      name: 'Acme Shop',
      default_language: ws.default_language,
      accent_color: '',
      logo_url: '',
    });
    const byHeader = await ctx.app.inject({
      method: 'GET',
      url: '/api/support/branding/',
      headers: { 'x-workspace': ws.slug },
    });
    expect(byHeader.json()).toMatchObject({ slug: ws.slug });
  });

  it('answers 404 problem+json for an unknown workspace and 400 for an unknown parameter', async () => {
    const missing = await ctx.app.inject({
      method: 'GET',
      url: '/api/support/branding/?workspace=no-such-ws',
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toMatch(/problem\+json/);
    const ws = await buildWorkspace(ctx.db);
    const bad = await ctx.app.inject({
      method: 'GET',
      url: `/api/support/branding/?workspace=${ws.slug}&x=1`,
    });
    expect(bad.statusCode).toBe(400);
  });

  it('is the only branding endpoint: the portal’s former one is gone', async () => {
    const ws = await buildWorkspace(ctx.db);
    const old = await ctx.app.inject({ method: 'GET', url: `/api/support/portal/?workspace=${ws.slug}` });
    expect(old.statusCode).toBe(404);
  });

  it('never passes on a stored logo that is not an https URL or a local path', async () => {
    const ws = await buildWorkspace(ctx.db);
    // Written around the settings use case, which refuses these.
    await asSystem(ctx.db, (tx) =>
      tx.updateTable('workspaces').set({ logo_url: 'javascript:alert(1)' }).where('id', '=', ws.id).execute(),
    );
    const res = await ctx.app.inject({ method: 'GET', url: `/api/support/branding/?workspace=${ws.slug}` });
    expect(res.json()).toMatchObject({ accent_color: '', logo_url: '' });
    const site = await ctx.app.inject({ method: 'GET', url: `/kb/${ws.slug}/en/` });
    expect(site.body).not.toContain('javascript:');
  });
});
