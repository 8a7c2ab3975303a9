/** The templates module's public surface: other modules and the composition (app, cli, jobs) import only this. */
export { renderTemplate } from './render-template.js';
export { templateRoutes } from './routes.js';
