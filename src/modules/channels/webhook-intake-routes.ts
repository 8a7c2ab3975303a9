/**
 * The signed inbound webhooks: POST /api/support/channels/telephony/ (missed calls, voicemails) and
 * POST /api/support/channels/social/ (social inboxes and other systems). Public routes: the signature
 * with the workspace's secret is the authentication (signed-webhook.ts).
 */
import type { FastifyInstance } from 'fastify';
import { inWorkspace } from '../../db/tenant.js';
import { workspaceOf } from '../../platform/auth/access.js';
import type { AppDeps } from '../../platform/deps.js';
import type { TicketHooks } from '../tickets/index.js';
import { receiveCallReport, type CallReport } from './phone/receive-call-report.js';
import { callReportBody, receivedSchema, SIGNATURE_DOCS } from './phone/schema.js';
import { keepRawJsonBodies, verifySignedDelivery } from './signed-webhook.js';
import { receiveSocialMessage, type SocialMessage } from './social/receive-social.js';
import { socialMessageBody } from './social/schema.js';

export async function webhookIntakeRoutes(
  app: FastifyInstance,
  opts: { deps: AppDeps; hooks: TicketHooks },
): Promise<void> {
  const { deps, hooks } = opts;
  keepRawJsonBodies(app);

  app.post<{ Body: CallReport }>(
    '/api/support/channels/telephony/',
    {
      config: { access: 'public' },
      schema: {
        tags: ['phone'],
        summary: 'Telephony webhook: a missed call or a voicemail becomes a phone ticket',
        description: `Generic JSON; \`call_id\` de-duplicates (sent again: 200 and the first ticket). The caller is matched to a customer by the number (E.164). ${SIGNATURE_DOCS}`,
        body: callReportBody,
        response: { 200: receivedSchema, 201: receivedSchema },
      },
    },
    async (request, reply) => {
      const ws = workspaceOf(request);
      const now = deps.now();
      const got = await inWorkspace(deps.db, ws.id, async (tx) => {
        await verifySignedDelivery(tx, ws.id, 'telephony', request, now);
        return receiveCallReport({ tx, workspace: ws, now, hooks }, request.body);
      });
      return reply.status(got.created ? 201 : 200).send({
        created: got.created,
        ticket_id: got.ticket.id,
        ticket_number: got.ticket.ticket_number,
        message_id: null,
      });
    },
  );

  app.post<{ Body: SocialMessage }>(
    '/api/support/channels/social/',
    {
      config: { access: 'public' },
      schema: {
        tags: ['social'],
        summary: 'Social/API inbound webhook: a message of an external conversation',
        description: `The external user becomes a customer and the external conversation a ticket (channel social or api); \`message_id\` de-duplicates (sent again: 200, nothing new). Desk replies go out as the outbound webhook event \`channel.reply\` with the external ids. ${SIGNATURE_DOCS}`,
        body: socialMessageBody,
        response: { 200: receivedSchema, 201: receivedSchema },
      },
    },
    async (request, reply) => {
      const ws = workspaceOf(request);
      const now = deps.now();
      const got = await inWorkspace(deps.db, ws.id, async (tx) => {
        await verifySignedDelivery(tx, ws.id, 'social', request, now);
        return receiveSocialMessage({ tx, workspace: ws, now, hooks }, request.body);
      });
      return reply.status(got.created ? 201 : 200).send({
        created: got.created,
        ticket_id: got.ticket.id,
        ticket_number: got.ticket.ticket_number,
        message_id: got.message?.id ?? null,
      });
    },
  );
}
