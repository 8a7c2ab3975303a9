import { other } from '../b/other.js';
export const reachIn = other;
