/**
 * The event types a webhook can subscribe to: the product's domain event catalogue, less the personal
 * ones (notification.created goes to one user's stream, never to integrations).
 */
export const WEBHOOK_EVENT_TYPES = [
  'ticket.created',
  'ticket.updated',
  'ticket.status_changed',
  'ticket.assigned',
  'ticket.escalated',
  'ticket.tagged',
  'ticket.rated',
  'message.created',
  'sla.warning',
  'sla.breached',
  'kb.article.published',
  'channel.reply',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** '*' subscribes to every type above, including those added later. */
export const ALL_EVENTS = '*';

export function isWebhookEventType(type: string): type is WebhookEventType {
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(type);
}
