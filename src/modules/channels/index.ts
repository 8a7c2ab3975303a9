/** The channels module's public surface: other modules and the composition (app, cli, jobs) import only this. */
export { webChannelRoutes } from './web/routes.js';
export { receiveInbound } from './intake/receive-inbound.js';
export type { InboundContext, InboundInput, InboundResult } from './intake/receive-inbound.js';
export type { InboundActor, Sender } from './intake/find-sender.js';
