/** Test helper: a signed POST to an inbound channel webhook (the way a telephony system or a bridge sends it). */
import type { FastifyInstance } from 'fastify';
import { signWebhookBody } from '../webhooks/index.js';

export function signedPost(
  app: FastifyInstance,
  opts: { url: string; slug: string; secret: string; body: object | string; at?: number; header?: string },
) {
  const raw = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
  const t = opts.at ?? Math.floor(Date.now() / 1000);
  return app.inject({
    method: 'POST',
    url: `${opts.url}?workspace=${opts.slug}`,
    headers: {
      'content-type': 'application/json',
      'x-bfg2-signature': opts.header ?? signWebhookBody(opts.secret, t, raw),
    },
    payload: raw,
  });
}
