/** The sla module's public surface: other modules and the composition (app, cli, jobs) import only this. */
export { recomputeSlaJob } from './recompute-job.js';
export { newTicketsClocks, refreshTicketDues } from './refresh-ticket-dues.js';
export { requestRecompute } from './request-recompute.js';
export { slaRoutes } from './routes.js';
export { notifySlaJob, sweepSlaJob } from './sweep-job.js';
export { slaMailSubscriber } from './notification-subscriber.js';
export { ticketSlaRoutes } from './ticket-sla-routes.js';
export * from './reporting-clock.js';
