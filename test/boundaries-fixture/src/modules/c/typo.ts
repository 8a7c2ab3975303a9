// @ts-nocheck a fixture: this import names no file
import { nothing } from './no-such-file.js';
export const typo = nothing;
