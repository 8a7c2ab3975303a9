import { thing } from '../modules/a/index.js';
export const hook = thing;
