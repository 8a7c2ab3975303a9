/** The tokens of login and password links never reach a log line, though Fastify logs every request URL. */
import Fastify from 'fastify';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, redactUrl } from './logger.js';

describe('request logging', () => {
  it('logs a followed login link without its token', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const app = Fastify({ loggerInstance: createLogger('info', sink) });
    app.get('/api/auth/customer/magic-link/consume', async () => 'ok');
    const res = await app.inject({
      method: 'GET',
      url: '/api/auth/customer/magic-link/consume?token=s3cr3t-t0ken&workspace=acme',
    });
    await app.close();
    expect(res.statusCode).toBe(200);
    const logged = lines.join('');
    expect(logged).toContain('/api/auth/customer/magic-link/consume?token=[redacted]&workspace=acme');
    expect(logged).not.toContain('s3cr3t-t0ken');
  });

  it('keeps other parameters as they are', () => {
    expect(redactUrl('/portal/password/reset?workspace=a&token=abc#x')).toBe(
      '/portal/password/reset?workspace=a&token=[redacted]#x',
    );
    expect(redactUrl('/api/support/tickets/?q=token')).toBe('/api/support/tickets/?q=token');
  });
});
