/**
 * The email channel's public surface. Mailboxes (mailboxes/): the admin API and the secret box that
 * encrypts their passwords. Inbound mail (inbound/): the SMTP listener, IMAP polling and processing
 * jobs. Outgoing mail (outbound/): the customer-mail subscriber, the staff and admin routes, the
 * per-mailbox transport, our loop id and reply addresses.
 */
export { outboundMailRoutes } from './outbound/routes.js';
export { outboundMailSubscriber, mailForEvent, type OutboundMailDeps } from './outbound/subscriber.js';
export { mailboxTransports, type MailboxTransports } from './outbound/mailbox-transport.js';
export { replyAddress, X_LOOP_ID } from './outbound/thread.js';
export { mailboxRoutes } from './mailboxes/routes.js';
export { secretBox } from './mailboxes/secret-box.js';
export type { SecretBox } from './mailboxes/secret-box.js';
export { inboundEmailRoutes } from './inbound/inbound-routes.js';
export { LOOP_ID } from './inbound/classify.js';
export { imapPollJob, inboundSweepJob, processInboundJob, sweepInbound } from './inbound/jobs.js';
export { processInboundEmail } from './inbound/process-inbound.js';
export { configureMailReaders, stopMailReaders } from './inbound/mail-reader.js';
export type { ProcessDeps } from './inbound/process-inbound.js';
export { pollMailbox } from './inbound/imap-poll.js';
export { startSmtpListener } from './inbound/smtp-listener.js';
export type { RunningListener } from './inbound/smtp-listener.js';
export { storeInboundMail } from './inbound/store-inbound.js';
export { queueAuthMail, type AuthMailInput } from './outbound/queue-auth-mail.js';
