/** The tickets module's public surface: other modules and the composition (app, cli, jobs) import only this. */
export { auditActor, ticketActorOf } from './actor.js';
export type { TicketActor } from './actor.js';
export { applyStatus } from './change-ticket-status.js';
export { assertNoCollision, basedOnOf } from './collision.js';
export { createTicket, createTickets } from './create-ticket.js';
export type { CreateTicketContext, NewTicket } from './create-ticket.js';
export { duplicateRoutes } from './duplicate-routes.js';
export { historyRoutes } from './history-routes.js';
export { messageHtmlRoutes } from './html-routes.js';
export { presentChanges, recordHistory } from './history.js';
export type { FieldChange } from './history.js';
export type { TicketHooks } from './hooks.js';
export { resolveAdminFilters, type AdminListQuery } from './admin-filters.js';
export { ticketExportPage, type TicketFilters } from './list-tickets.js';
export { loadVisibleTicket, lockVisibleTicket } from './load-ticket.js';
export { canCustomerReply } from './policy.js';
export { rateTicket } from './rate-ticket.js';
export { newReplyToken } from './reply-token.js';
export { presentMessage } from './presenter.js';
export { findCategoryByRef, findPriorityByRef, findTicket } from './repository.js';
export { ticketRoutes } from './routes.js';
export {
  adminListQuerySchema,
  createTicketBody,
  messageSchema,
  ticketParams,
  ticketSchema,
} from './schema.js';
export { assertTransition } from './status.js';
export { addSystemMessage, describeActor } from './system-message.js';
export { ticketView } from './view.js';
