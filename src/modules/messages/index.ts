/** The messages module's public surface: other modules and the composition (app, cli, jobs) import only this. */
export { messageRoutes } from './routes.js';
export { replyToTicket } from './reply-to-ticket.js';
export type { ReplyContext, ReplyInput, ReplyResult } from './reply-to-ticket.js';
export { addCustomerReplies, type CustomerReply } from './add-customer-replies.js';
