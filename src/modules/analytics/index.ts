/** Reports: the support metrics (rollups kept from ticket events), satisfaction surveys, CSV exports. */
export { rebuildStats, type RebuildProgress } from './rebuild-stats.js';
export { refreshTicketStats } from './refresh-ticket-stats.js';
export { statsRoutes } from './routes.js';
export { ticketStatsSubscriber } from './subscriber.js';
export { surveyJob } from './survey-job.js';
export { surveyRoutes } from './survey-routes.js';
export { surveySettingsRoutes } from './survey-settings-routes.js';
export { surveySubscriber } from './survey-subscriber.js';
export { exportRoutes } from './export-routes.js';
