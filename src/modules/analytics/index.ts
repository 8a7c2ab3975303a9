/** Reports: the support metrics (rollups kept from ticket events), satisfaction surveys, CSV exports. */
export { rebuildStats, type RebuildProgress } from './rebuild-stats.js';
export { refreshTicketStats } from './refresh-ticket-stats.js';
export { statsRoutes } from './routes.js';
export { ticketStatsSubscriber } from './subscriber.js';
