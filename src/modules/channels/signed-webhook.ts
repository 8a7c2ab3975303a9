/**
 * Inbound webhooks signed like our outbound ones: `X-Bfg2-Signature: t=<unix seconds>,v1=<hex
 * HMAC-SHA256(secret, "<t>.<raw body>")>`, checked over the exact body bytes (the JSON is parsed only
 * after), the timestamp within 5 minutes, and each signature accepted once: the same signed request
 * again is refused as a replay (the row is written in the delivery's transaction, so a delivery that
 * failed can be sent again). The secret is the workspace's, per kind (admin API).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Tx } from '../../db/tenant.js';
import { AppError } from '../../platform/errors.js';
import { verifyWebhookSignature } from '../webhooks/index.js';
import { loadChannelSettings, secretOf, type SecretKind } from './settings/channel-settings.js';

export const REPLAY_WINDOW_SECONDS = 300;

const rawBodies = new WeakMap<FastifyRequest, string>();

/** JSON bodies of this plugin's routes keep their raw text for the signature check. */
export function keepRawJsonBodies(app: FastifyInstance): void {
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    rawBodies.set(request, text);
    try {
      done(null, text === '' ? undefined : (JSON.parse(text) as unknown));
    } catch {
      done(new AppError('MALFORMED_REQUEST', 'the body is not valid JSON'), undefined);
    }
  });
}

/** Verifies the request's signature with the workspace's secret of `kind`; 401 or 409 (replay) if not. */
export async function verifySignedDelivery(
  tx: Tx,
  workspaceId: number,
  kind: SecretKind,
  request: FastifyRequest,
  now: Date,
): Promise<void> {
  const secret = secretOf(await loadChannelSettings(tx, workspaceId), kind);
  if (secret === null)
    throw new AppError('NOT_AUTHENTICATED', `no ${kind} secret is set up for this workspace`);
  const header = request.headers['x-bfg2-signature'];
  const result = verifyWebhookSignature({
    secret,
    header: Array.isArray(header) ? header[0] : header,
    body: rawBodies.get(request) ?? '',
    nowSeconds: Math.floor(now.getTime() / 1000),
    toleranceSeconds: REPLAY_WINDOW_SECONDS,
  });
  if (!result.ok) {
    const why = { malformed: 'missing or malformed', expired: 'too old or too new', mismatch: 'wrong' }[
      result.reason
    ];
    throw new AppError('NOT_AUTHENTICATED', `the X-Bfg2-Signature is ${why}`);
  }
  const signature = /v1=([0-9a-f]{64})/.exec(String(header))?.[1] ?? '';
  await tx
    .deleteFrom('inbound_webhook_signatures')
    .where('workspace_id', '=', workspaceId)
    .where('expires_at', '<', now)
    .execute();
  const fresh = await tx
    .insertInto('inbound_webhook_signatures')
    .values({
      workspace_id: workspaceId,
      kind,
      signature,
      expires_at: new Date((result.timestamp + REPLAY_WINDOW_SECONDS + 60) * 1000),
    })
    .onConflict((oc) => oc.columns(['workspace_id', 'kind', 'signature']).doNothing())
    .returning('signature')
    .executeTakeFirst();
  if (!fresh) throw new AppError('CONFLICT', 'this signed request was delivered before (replay)');
}
