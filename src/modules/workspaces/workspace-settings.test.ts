import { describe, expect, it } from 'vitest';
import { asBearer, testApp } from '../../test/app.js';
import { buildAdmin, buildToken, buildUser, buildWorkspace, unique } from '../../test/factories.js';

const { app, db } = await testApp();

describe('workspace settings', () => {
  it('lets an admin set the shop and delivery link templates, which tickets then carry', async () => {
    const ws = await buildWorkspace(db);
    const admin = await buildAdmin(db, ws);
    const res = await app.inject(
      asBearer(admin.token, {
        method: 'PATCH',
        url: '/api/support/admin/workspace/',
        payload: {
          order_url_template: 'https://shop.example/orders/{order}',
          consignment_url_template: 'https://track.example/?id={consignment}',
          default_priority: 'high',
        },
      }),
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ slug: ws.slug, default_priority: 'high' });
    const created = await app.inject(
      asBearer(admin.token, {
        method: 'POST',
        url: '/api/support/tickets/',
        payload: {
          subject: 's',
          description: 'd',
          customer: 'c@x.test',
          order: 'SO 7/1',
          consignment: 'CN-9',
        },
      }),
    );
    expect(created.json()).toMatchObject({
      priority: { code: 'high' },
      order_url: 'https://shop.example/orders/SO%207%2F1',
      consignment_url: 'https://track.example/?id=CN-9',
    });
  });

  it('refuses bad values with 400, agents with 403, and shows only the caller’s workspace', async () => {
    const ws = await buildWorkspace(db);
    const admin = await buildAdmin(db, ws);
    for (const payload of [
      { order_url_template: 'javascript:alert({order})' },
      { order_url_template: 'https://shop.example/orders' },
      { timezone: 'Mars/Olympus' },
      { default_priority: 'extreme' },
      { ticket_prefix: 'x-1' },
      { accent_color: '#ffff00' },
      { accent_color: 'red' },
      { logo_url: 'http://cdn.example/logo.png' },
      { logo_url: 'javascript:alert(1)' },
    ]) {
      const res = await app.inject(
        asBearer(admin.token, { method: 'PATCH', url: '/api/support/admin/workspace/', payload }),
      );
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
    }
    const agent = await buildUser(db, ws);
    const agentToken = await buildToken(db, ws, agent.id);
    const denied = await app.inject(
      asBearer(agentToken, { method: 'PATCH', url: '/api/support/admin/workspace/', payload: { name: 'x' } }),
    );
    expect(denied.statusCode).toBe(403);
    const read = await app.inject(
      asBearer(agentToken, { method: 'GET', url: '/api/support/admin/workspace/' }),
    );
    expect(read.json()).toMatchObject({ id: ws.id });
    const other = await buildWorkspace(db);
    const foreign = await app.inject(
      asBearer(agentToken, {
        method: 'GET',
        url: '/api/support/admin/workspace/',
        headers: { 'x-workspace': other.slug },
      }),
    );
    expect(foreign.statusCode).toBe(404);
  });

  it('stores branding and a new ticket prefix, which the help centre and new tickets then use', async () => {
    const ws = await buildWorkspace(db);
    const admin = await buildAdmin(db, ws);
    const prefix = `B${unique()
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, '')
      .slice(0, 8)}`;
    const res = await app.inject(
      asBearer(admin.token, {
        method: 'PATCH',
        url: '/api/support/admin/workspace/',
        payload: { accent_color: '#7A1F5C', logo_url: 'https://cdn.example/logo.png', ticket_prefix: prefix },
      }),
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      accent_color: '#7a1f5c',
      logo_url: 'https://cdn.example/logo.png',
      ticket_prefix: prefix,
    });
    const ticket = await app.inject(
      asBearer(admin.token, {
        method: 'POST',
        url: '/api/support/tickets/',
        payload: { subject: 's', description: 'd', customer: 'c@x.test' },
      }),
    );
    expect(ticket.json<{ ticket_number: string }>().ticket_number.startsWith(`${prefix}-`)).toBe(true);
    const site = await app.inject({ method: 'GET', url: `/kb/${ws.slug}/en/` });
    expect(site.body).toContain('--accent:#7a1f5c');
    expect(site.body).toContain('<img class="logo" src="https://cdn.example/logo.png"');
    const publicFace = await app.inject({
      method: 'GET',
      url: `/api/support/branding/?workspace=${ws.slug}`,
    });
    expect(publicFace.json()).toMatchObject({
      accent_color: '#7a1f5c',
      logo_url: 'https://cdn.example/logo.png',
    });

    // A prefix another workspace uses is a conflict; clearing the branding restores the plain site.
    const other = await buildWorkspace(db);
    const otherAdmin = await buildAdmin(db, other);
    const clash = await app.inject(
      asBearer(otherAdmin.token, {
        method: 'PATCH',
        url: '/api/support/admin/workspace/',
        payload: { ticket_prefix: prefix },
      }),
    );
    expect(clash.statusCode).toBe(409);
    expect(clash.headers['content-type']).toContain('application/problem+json');
    await app.inject(
      asBearer(admin.token, {
        method: 'PATCH',
        url: '/api/support/admin/workspace/',
        payload: { accent_color: '', logo_url: '' },
      }),
    );
    const branding = await app.inject({ method: 'GET', url: `/api/support/branding/?workspace=${ws.slug}` });
    expect(branding.json()).toEqual({
      slug: ws.slug,
      name: ws.name,
      default_language: ws.default_language,
      accent_color: '',
      logo_url: '',
    });
    const unknown = await app.inject({ method: 'GET', url: '/api/support/branding/?workspace=no-such-ws' });
    expect(unknown.statusCode).toBe(404);
    const plain = await app.inject({ method: 'GET', url: `/kb/${ws.slug}/en/` });
    expect(plain.body).not.toContain('--accent:#7a1f5c');
    expect(plain.body).not.toContain('class="logo"');
  });
});
