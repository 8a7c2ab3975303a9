import { config } from '../../config.js';
export const port = config.port;
