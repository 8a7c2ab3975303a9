/** The saved-views module's public surface: an agent's saved inbox views. */
export { savedViewRoutes } from './routes.js';
