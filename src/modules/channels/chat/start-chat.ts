/**
 * A visitor starts a chat: the customer (by name and email, or by the shop's signed customer token), a
 * ticket with channel `chat` through the one intake, the conversation with its visitor token, and then
 * the offer to an agent — or, with nobody available, the email fallback. One transaction.
 */
import type { ChatConversation } from '../../../db/schema.js';
import type { Tx } from '../../../db/tenant.js';
import { AppError } from '../../../platform/errors.js';
import type { JobQueue } from '../../../platform/jobs/queue.js';
import type { TicketHooks } from '../../tickets/index.js';
import { receiveInbound } from '../intake/receive-inbound.js';
import { loadChannelSettings } from '../settings/channel-settings.js';
import { chatAvailability, type ChatAvailability } from './availability.js';
import { continueByEmail } from './fallback.js';
import { offerChat } from './offer-chat.js';
import { newVisitorToken, verifyCustomerToken } from './tokens.js';

export interface StartChatInput {
  name?: string;
  email?: string;
  message?: string;
  language?: string;
  customer_token?: string;
}

export interface StartChatContext {
  tx: Tx;
  workspace: { id: number; default_priority: string };
  now: Date;
  hooks: TicketHooks;
  jobs: JobQueue;
}

export interface StartedChat {
  token: string;
  conversation: ChatConversation;
  ticketNumber: string;
  availability: ChatAvailability;
}

export async function startChat(ctx: StartChatContext, input: StartChatInput): Promise<StartedChat> {
  const { tx, workspace, now } = ctx;
  const settings = await loadChannelSettings(tx, workspace.id);
  if (!settings.chat_enabled) throw new AppError('RULE_VIOLATION', 'live chat is switched off here');
  const shop = input.customer_token
    ? verifyCustomerToken(settings.chat_identity_secret, input.customer_token, now)
    : null;
  const email = shop?.email ?? input.email;
  const name = shop?.name ?? input.name?.trim() ?? '';
  const availability = await chatAvailability(tx, workspace.id, settings);
  const first = input.message?.trim();
  const received = await receiveInbound(
    { tx, workspace, now, hooks: ctx.hooks },
    {
      channel: 'chat',
      actor: { kind: 'channel' },
      from: { ...(email !== undefined ? { email } : {}), ...(name ? { name } : {}) },
      ticket: {
        subject: `Chat with ${name || email || 'a visitor'}`.slice(0, 255),
        description: first || '(chat started)',
      },
    },
  );
  const { token, hash } = newVisitorToken();
  const conversation = await tx
    .insertInto('chat_conversations')
    .values({
      workspace_id: workspace.id,
      ticket_id: received.ticket.id,
      customer_id: received.customer.id,
      token_hash: hash,
      language: input.language === 'de' ? 'de' : 'en',
      identified: shop !== null,
      created_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const offer = { tx, jobs: ctx.jobs, now, settings };
  const next = availability.available
    ? await offerChat(offer, conversation)
    : await continueByEmail(offer, conversation);
  return { token, conversation: next, ticketNumber: received.ticket.ticket_number, availability };
}
