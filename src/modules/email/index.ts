/**
 * The email channel's public surface. Outgoing mail (outbound/): the customer-mail subscriber, the
 * staff and admin routes, the per-mailbox transport, and what inbound mail needs to recognise our own
 * mail (X_LOOP_ID) and reply addresses.
 */
export { outboundMailRoutes } from './outbound/routes.js';
export { outboundMailSubscriber, mailForEvent, type OutboundMailDeps } from './outbound/subscriber.js';
export { mailboxTransports, type MailboxTransports } from './outbound/mailbox-transport.js';
export { replyAddress, X_LOOP_ID } from './outbound/thread.js';
