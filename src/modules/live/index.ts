/** The live module's public surface: the event stream and presence routes. */
export { liveRoutes } from './routes.js';
export type { LiveOptions } from './routes.js';
