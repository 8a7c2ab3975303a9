import { hook } from '../platform/hook.js';
export const client = hook;
