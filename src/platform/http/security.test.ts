/** The headers and endpoints that depend on how the install is exposed: CSP by PUBLIC_URL, /metrics by token. */
import { describe, expect, it } from 'vitest';
import { testApp } from '../../test/app.js';

const METRICS_TOKEN = 'metrics-token-metrics-token-0123';
const plain = await testApp({ env: { PUBLIC_URL: 'http://helpdesk.lan:3000' } });
const tls = await testApp({ env: { PUBLIC_URL: 'https://help.example.com', METRICS_TOKEN } });

describe('Content-Security-Policy', () => {
  it('does not upgrade requests when the install is reached over plain HTTP (a LAN name or IP)', async () => {
    const res = await plain.app.inject({ method: 'GET', url: '/healthz' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).not.toMatch(/upgrade-insecure-requests/);
  });

  it('upgrades requests when PUBLIC_URL is https', async () => {
    const res = await tls.app.inject({ method: 'GET', url: '/healthz' });
    expect(String(res.headers['content-security-policy'])).toMatch(/upgrade-insecure-requests/);
  });
});

describe('/metrics', () => {
  it('is off without METRICS_TOKEN: 404 problem', async () => {
    const res = await plain.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('answers 401 problem without the token or with a wrong one', async () => {
    for (const authorization of [
      undefined,
      'Bearer nope',
      `Basic ${METRICS_TOKEN}`,
      `Bearer ${METRICS_TOKEN}x`,
    ]) {
      const res = await tls.app.inject({
        method: 'GET',
        url: '/metrics',
        headers: authorization ? { authorization } : {},
      });
      expect(res.statusCode, String(authorization)).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.headers['www-authenticate']).toBe('Bearer realm="metrics"');
      expect(res.json()).toMatchObject({ code: 'NOT_AUTHENTICATED' });
    }
  });

  it('serves the metrics to the bearer of METRICS_TOKEN', async () => {
    await tls.app.inject({ method: 'GET', url: '/healthz' });
    const res = await tls.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/plain/);
    expect(res.body).toMatch(/http_requests_total\{method="GET",route="\/healthz",status="200"\} \d+/);
    expect(res.body).toMatch(/process_resident_memory_bytes/);
  });
});
