/** The tokens module's public surface: other modules and the composition (app, cli, jobs) import only this. */
export { createApiToken } from './create-api-token.js';
export { tokenRoutes } from './routes.js';
