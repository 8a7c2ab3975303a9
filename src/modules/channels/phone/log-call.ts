/**
 * An agent logs a call from the desk: on an existing ticket it becomes an internal note with direction,
 * duration and outcome; otherwise it opens a ticket with channel `phone` and `source_phone` through the
 * one intake, for the customer named (id or email) or the one with that number. Either way a phone_calls
 * row keeps the call's facts.
 */
import type { CallDirection, CallOutcome, SupportTicket } from '../../../db/schema.js';
import type { Tx } from '../../../db/tenant.js';
import { invalid } from '../../../platform/errors.js';
import { replyToTicket } from '../../messages/index.js';
import type { TicketHooks } from '../../tickets/index.js';
import { receiveInbound } from '../intake/receive-inbound.js';
import { loadChannelSettings } from '../settings/channel-settings.js';
import { callerEmail, rememberPhone, toE164 } from './phone-number.js';

export interface LogCallInput {
  phone: string;
  direction: CallDirection;
  outcome: CallOutcome;
  duration_seconds?: number;
  notes?: string;
  /** Log on this ticket (id or number) as a note; without it a phone ticket is opened. */
  ticket?: string | number;
  subject?: string;
  /** The customer (id or email) of a new ticket; default: the one with this number. */
  customer?: string | number;
}

export interface LogCallContext {
  tx: Tx;
  workspace: { id: number; default_priority: string };
  staff: { userId: number; role: 'admin' | 'agent'; via: 'session' | 'token' };
  now: Date;
  hooks: TicketHooks;
}

export function describeCall(input: {
  direction: CallDirection;
  outcome: CallOutcome;
  duration_seconds?: number;
  phone: string;
}): string {
  const d = input.duration_seconds ?? 0;
  const duration = d >= 60 ? `${Math.floor(d / 60)} min ${d % 60} s` : `${d} s`;
  return `${input.direction === 'inbound' ? 'Inbound' : 'Outbound'} call, ${input.phone}, ${duration}, ${input.outcome.replace('_', ' ')}`;
}

export async function logCall(
  ctx: LogCallContext,
  input: LogCallInput,
): Promise<{ ticket: SupportTicket; created: boolean; callId: number }> {
  const { tx, workspace, now } = ctx;
  const settings = await loadChannelSettings(tx, workspace.id);
  const phone = toE164(input.phone, settings.phone_default_region);
  if (!phone) throw invalid('phone', 'is not a valid phone number');
  const summary = describeCall({ ...input, phone });
  const notes = input.notes?.trim() ?? '';
  const actor = { kind: 'staff' as const, ...ctx.staff };
  let ticket: SupportTicket;
  let messageId: number | null = null;
  if (input.ticket !== undefined) {
    const note = await replyToTicket(
      { tx, workspaceId: workspace.id, actor, now, hooks: ctx.hooks },
      input.ticket,
      { message: notes ? `${summary}\n\n${notes}` : summary, is_internal: true },
    );
    ticket = note.ticket;
    messageId = note.message.id;
  } else {
    const customer = input.customer ?? (await callerEmail(tx, workspace.id, phone));
    const received = await receiveInbound(
      { tx, workspace, now, hooks: ctx.hooks },
      {
        channel: 'phone',
        actor,
        from: { customer },
        ticket: {
          subject: input.subject?.trim() || `Call with ${phone}`,
          description: notes ? `${summary}\n\n${notes}` : summary,
          source_phone: phone,
        },
      },
    );
    ticket = received.ticket;
    await rememberPhone(tx, workspace.id, received.customer.id, phone);
  }
  const call = await tx
    .insertInto('phone_calls')
    .values({
      workspace_id: workspace.id,
      ticket_id: ticket.id,
      message_id: messageId,
      kind: 'logged',
      direction: input.direction,
      outcome: input.outcome,
      duration_seconds: input.duration_seconds ?? 0,
      phone,
      logged_by_id: ctx.staff.userId,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { ticket, created: input.ticket === undefined, callId: call.id };
}
