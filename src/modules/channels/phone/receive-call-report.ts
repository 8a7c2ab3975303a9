/**
 * The telephony webhook's report of a missed call or a voicemail: a ticket with channel `phone` for the
 * caller (matched by their E.164 number, else a placeholder customer with that number), the recording
 * link in the ticket and in a phone_calls row. The telephony system's call id de-duplicates: the same
 * call reported again returns the first ticket and writes nothing.
 */
import type { SupportTicket } from '../../../db/schema.js';
import type { Tx } from '../../../db/tenant.js';
import type { TicketHooks } from '../../tickets/index.js';
import { receiveInbound } from '../intake/receive-inbound.js';
import { loadChannelSettings } from '../settings/channel-settings.js';
import { callerEmail, rememberPhone, toE164 } from './phone-number.js';

export interface CallReport {
  event: 'missed_call' | 'voicemail';
  call_id: string;
  from: string;
  to?: string;
  caller_name?: string;
  started_at?: string;
  duration_seconds?: number;
  recording_url?: string;
  transcription?: string;
}

export async function receiveCallReport(
  ctx: { tx: Tx; workspace: { id: number; default_priority: string }; now: Date; hooks: TicketHooks },
  report: CallReport,
): Promise<{ ticket: SupportTicket; created: boolean }> {
  const { tx, workspace, now } = ctx;
  const settings = await loadChannelSettings(tx, workspace.id);
  // A withheld or unparsable number is kept as given, so the ticket still says who (not) called.
  const phone = toE164(report.from, settings.phone_default_region) ?? report.from.trim().slice(0, 40);
  const voicemail = report.event === 'voicemail';
  const lines = [
    voicemail ? `Voicemail from ${phone}` : `Missed call from ${phone}`,
    report.started_at ? `At: ${report.started_at}` : '',
    report.to ? `To: ${report.to}` : '',
    report.duration_seconds !== undefined ? `Duration: ${report.duration_seconds} s` : '',
    report.recording_url ? `Recording: ${report.recording_url}` : '',
    report.transcription ? `\n${report.transcription}` : '',
  ].filter(Boolean);
  const received = await receiveInbound(
    { tx, workspace, now, hooks: ctx.hooks },
    {
      channel: 'phone',
      actor: { kind: 'channel' },
      externalId: `call:${report.call_id}`,
      from: {
        email: await callerEmail(tx, workspace.id, phone),
        ...(report.caller_name ? { name: report.caller_name } : {}),
      },
      ticket: { subject: lines[0] ?? 'Call', description: lines.join('\n'), source_phone: phone },
    },
  );
  if (!received.created) return { ticket: received.ticket, created: false };
  if (phone.startsWith('+')) await rememberPhone(tx, workspace.id, received.customer.id, phone);
  await tx
    .insertInto('phone_calls')
    .values({
      workspace_id: workspace.id,
      ticket_id: received.ticket.id,
      kind: voicemail ? 'voicemail' : 'missed',
      direction: 'inbound',
      outcome: voicemail ? 'voicemail' : 'missed',
      duration_seconds: report.duration_seconds ?? 0,
      phone,
      recording_url: report.recording_url ?? '',
      external_id: report.call_id,
      created_at: now,
    })
    .execute();
  return { ticket: received.ticket, created: true };
}
