import { other } from '../b/index.js';
export const thing = other + 1;
