/**
 * /api/support/admin/channels/: admins read and change the chat, phone and social settings and manage
 * the per-workspace HMAC secrets (shop customer tokens, telephony webhook, social/API webhook).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ChannelSettings } from '../../../db/schema.js';
import { inWorkspace, type Tx } from '../../../db/tenant.js';
import { workspaceOf } from '../../../platform/auth/access.js';
import type { AppDeps } from '../../../platform/deps.js';
import {
  loadChannelSettings,
  rotateChannelSecret,
  secretOf,
  updateChannelSettings,
  type ChannelSettingsInput,
  type SecretKind,
} from './channel-settings.js';
import * as s from './schema.js';

const BASE = '/api/support/admin/channels/';

function present(c: ChannelSettings) {
  return {
    chat_enabled: c.chat_enabled,
    chat_team: c.chat_team_id,
    chat_offer_timeout_seconds: c.chat_offer_timeout_seconds,
    phone_default_region: c.phone_default_region,
    has_chat_identity_secret: c.chat_identity_secret !== null,
    has_telephony_secret: c.telephony_secret !== null,
    has_social_secret: c.social_secret !== null,
  };
}

export async function channelSettingsRoutes(app: FastifyInstance, opts: { deps: AppDeps }): Promise<void> {
  const { deps } = opts;
  const run = <T>(request: FastifyRequest, fn: (tx: Tx, workspaceId: number) => Promise<T>) => {
    const ws = workspaceOf(request);
    return inWorkspace(deps.db, ws.id, (tx) => fn(tx, ws.id));
  };
  const admin = { access: 'admin' } as const;

  app.get(
    BASE,
    {
      config: admin,
      schema: {
        tags: s.TAGS,
        summary: 'Chat, phone and social settings',
        response: { 200: s.channelSettingsSchema },
      },
    },
    (request) => run(request, async (tx, ws) => present(await loadChannelSettings(tx, ws))),
  );

  app.patch<{ Body: ChannelSettingsInput }>(
    BASE,
    {
      config: admin,
      schema: {
        tags: s.TAGS,
        summary: 'Change the channel settings (omitted = unchanged)',
        body: s.updateChannelSettingsBody,
        response: { 200: s.channelSettingsSchema },
      },
    },
    (request) =>
      run(request, async (tx, ws) => present(await updateChannelSettings(tx, ws, request.body, deps.now()))),
  );

  app.get<{ Params: { kind: SecretKind } }>(
    `${BASE}secrets/:kind/`,
    {
      config: admin,
      schema: {
        tags: s.TAGS,
        summary: 'A channel secret (null until rotated the first time)',
        params: s.secretParams,
        response: { 200: s.secretSchema },
      },
    },
    (request) =>
      run(request, async (tx, ws) => ({
        kind: request.params.kind,
        secret: secretOf(await loadChannelSettings(tx, ws), request.params.kind),
      })),
  );

  app.post<{ Params: { kind: SecretKind } }>(
    `${BASE}secrets/:kind/rotate/`,
    {
      config: admin,
      schema: {
        tags: s.TAGS,
        summary: 'Make a new channel secret (the old one stops working at once)',
        description:
          '`chat_identity` signs the shop’s customer tokens for the chat widget; `telephony` and `social` ' +
          'sign the inbound webhooks (`X-Bfg2-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, t + "." + body)>`).',
        params: s.secretParams,
        response: { 200: s.secretSchema },
      },
    },
    (request) =>
      run(request, async (tx, ws) => ({
        kind: request.params.kind,
        secret: await rotateChannelSecret(tx, ws, request.params.kind, deps.now()),
      })),
  );
}
