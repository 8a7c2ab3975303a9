/** The payloads of the inbound mail jobs. */
declare module '../../../platform/jobs/queue.js' {
  interface JobPayloads {
    /** Parse, classify and thread one stored inbound mail. */
    'email.process': { workspaceId: number; inboundEmailId: number };
    /** Fetch new mail of one IMAP mailbox. */
    'email.imap-poll': { workspaceId: number; mailboxId: number };
    /** Every minute: enqueue the IMAP polls that are due, and re-enqueue stored mail left unprocessed. */
    'email.inbound-sweep': Record<string, never>;
  }
}
export {};
