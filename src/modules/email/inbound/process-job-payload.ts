/** The payloads of the inbound mail jobs. */
declare module '../../../platform/jobs/queue.js' {
  interface JobPayloads {
    /**
     * Parse, classify and thread stored inbound mail of one workspace: the mails stored together (one
     * job per workspace and commit), or one mail (the sweep's re-enqueue of a lost job).
     */
    'email.process':
      { workspaceId: number; inboundEmailId: number } | { workspaceId: number; inboundEmailIds: number[] };
    /** Fetch new mail of one IMAP mailbox. */
    'email.imap-poll': { workspaceId: number; mailboxId: number };
    /** Every minute: enqueue the IMAP polls that are due, and re-enqueue stored mail left unprocessed. */
    'email.inbound-sweep': Record<string, never>;
  }
}

/** The mails a job names, each with its workspace. */
export function mailsOfJob(
  payload:
    { workspaceId: number; inboundEmailId: number } | { workspaceId: number; inboundEmailIds: number[] },
): { workspaceId: number; inboundEmailId: number }[] {
  const ids = 'inboundEmailIds' in payload ? payload.inboundEmailIds : [payload.inboundEmailId];
  return ids.map((inboundEmailId) => ({ workspaceId: payload.workspaceId, inboundEmailId }));
}
