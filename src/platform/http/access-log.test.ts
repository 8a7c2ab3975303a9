import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { accessLogController } from './access-log.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString().split('\n').filter(Boolean))
        lines.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: pino({ level: 'info' }, stream) };
}

describe('the access log', () => {
  it('writes one line per request, with method, URL, status and time', async () => {
    const { lines, logger } = capture();
    const app = Fastify({ loggerInstance: logger, logController: accessLogController() });
    app.get('/ok', async () => ({ ok: true }));
    app.get('/boom', async () => {
      throw new Error('boom');
    });
    await app.inject({ method: 'GET', url: '/ok?x=1' });
    await app.inject({ method: 'GET', url: '/missing' });
    await app.inject({ method: 'GET', url: '/ok?token=s3cr3t&workspace=a' });
    const requests = lines.filter((l) => l.msg === 'request');
    expect(requests.map((l) => [l.method, l.url, l.statusCode])).toEqual([
      ['GET', '/ok?x=1', 200],
      ['GET', '/missing', 404],
      ['GET', '/ok?token=[redacted]&workspace=a', 200],
    ]);
    expect(JSON.stringify(lines)).not.toContain('s3cr3t');
    expect(typeof requests[0]?.responseTime).toBe('number');
    expect(typeof requests[0]?.reqId).toBe('string');
    expect(lines.some((l) => l.msg === 'incoming request' || l.msg === 'request completed')).toBe(false);
    await app.close();
  });
});
