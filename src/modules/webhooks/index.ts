/** Outbound webhooks: the admin API, the event subscriber, the delivery job and the signature check. */
export { WEBHOOK_EVENT_TYPES, type WebhookEventType } from './catalogue.js';
export { deliverWebhookJob, retryDelaySeconds, type DeliverJobDeps } from './deliver-job.js';
export { webhookOpenApi } from './openapi.js';
export { webhookRoutes } from './routes.js';
export { SIGNATURE_HEADER, signWebhookBody, verifyWebhookSignature } from './signature.js';
export { webhookSubscriber, type WebhookSubscriberDeps } from './subscriber.js';
