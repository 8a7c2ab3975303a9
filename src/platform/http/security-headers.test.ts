import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import Fastify from 'fastify';
import helmet from 'helmet';
import { describe, expect, it } from 'vitest';
import { helmetHeaders, registerSecurityHeaders } from './security-headers.js';

const OPTIONS = {
  contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], imgSrc: ["'self'", 'data:'] } },
};

describe('security headers', () => {
  it('are exactly the headers helmet sets on a real response', () => {
    const req = new IncomingMessage(new Socket());
    const res = new ServerResponse(req);
    helmet(OPTIONS)(req, res, () => undefined);
    const expected = Object.fromEntries(
      Object.entries(res.getHeaders()).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)]),
    );
    expect(helmetHeaders(OPTIONS)).toEqual(expected);
    expect(expected['content-security-policy']).toMatch(/default-src 'self'.*img-src 'self' data:/);
  });

  it('go on every response, 404s included, and a route may replace one', async () => {
    const app = Fastify();
    registerSecurityHeaders(app, OPTIONS);
    app.get('/strict', (_request, reply) =>
      reply.header('content-security-policy', "default-src 'none'").send('ok'),
    );
    const missing = await app.inject({ method: 'GET', url: '/nowhere' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['x-content-type-options']).toBe('nosniff');
    expect(missing.headers['content-security-policy']).toMatch(/default-src 'self'/);
    const strict = await app.inject({ method: 'GET', url: '/strict' });
    expect(strict.headers['content-security-policy']).toBe("default-src 'none'");
    expect(strict.headers['strict-transport-security']).toBeDefined();
    await app.close();
  });
});
