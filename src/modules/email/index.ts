/** The email module's public surface: mailboxes and inbound mail (outbound: ./outbound, helper 2). */
export { mailboxRoutes } from './mailboxes/routes.js';
export { secretBox } from './mailboxes/secret-box.js';
export type { SecretBox } from './mailboxes/secret-box.js';
export { inboundEmailRoutes } from './inbound/inbound-routes.js';
export { LOOP_ID } from './inbound/classify.js';
export { imapPollJob, inboundSweepJob, processInboundJob, sweepInbound } from './inbound/jobs.js';
export { processInboundEmail } from './inbound/process-inbound.js';
export type { ProcessDeps } from './inbound/process-inbound.js';
export { pollMailbox } from './inbound/imap-poll.js';
export { startSmtpListener } from './inbound/smtp-listener.js';
export type { RunningListener } from './inbound/smtp-listener.js';
export { storeInboundMail } from './inbound/store-inbound.js';
