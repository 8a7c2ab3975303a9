import { thing } from './modules/a/thing.js';
export const app = thing;
