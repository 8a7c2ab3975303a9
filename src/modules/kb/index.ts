/** The kb module's public surface: other modules and the composition (app, cli, jobs) import only this. */
export { kbAdminRoutes } from './admin-routes.js';
export { renderMarkdown } from './render-markdown.js';
export { kbRoutes } from './routes.js';
export { helpCentreRoutes } from './site/routes.js';
export { sweepArticleViewsJob } from './sweep-views-job.js';
export { kbReportFigures, type KbReportFigures } from './report-figures.js';
