/** The channels module's public surface: other modules and the composition (app, cli, jobs) import only this. */
export { webChannelRoutes } from './web/routes.js';
