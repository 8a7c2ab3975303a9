/** The channels module's public surface: other modules and the composition (app, cli, jobs) import only this. */
export { webChannelRoutes } from './web/routes.js';
export { receiveInbound } from './intake/receive-inbound.js';
export { receiveInboundBatch, type BatchDelivery } from './intake/receive-batch.js';
export type { InboundContext, InboundInput, InboundResult } from './intake/receive-inbound.js';
export type { InboundActor, Sender } from './intake/find-sender.js';
export { channelSettingsRoutes } from './settings/routes.js';
export { chatRoutes, type ChatRouteOptions } from './chat/routes.js';
export { ChatHub } from './chat/hub.js';
export { reofferChatJob, reofferChat } from './chat/reoffer-job.js';
export { chatMailSubscriber } from './chat/mail-replies.js';
export { signCustomerToken } from './chat/tokens.js';
export { phoneRoutes } from './phone/routes.js';
export { webhookIntakeRoutes } from './webhook-intake-routes.js';
export { socialReplySubscriber } from './social/reply-subscriber.js';
