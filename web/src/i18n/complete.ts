/**
 * Every string of the UI, including the areas that load with their own chunk (the admin console's): what
 * the catalogue test compares and the browser specs' German check looks for. Not for the app itself.
 */
import { adminDe } from './areas/admin-de';
import { adminEn } from './areas/admin';
import { de } from './de';
import { en } from './en';
import { staffAreasEn } from './staff-en';

export const completeEn = { ...en, ...staffAreasEn, admin: adminEn };
export const completeDe = { ...de, admin: adminDe };
