/**
 * The staff-only English strings (i18n/staff-en.ts), added to i18next when the desk's or the admin
 * console's first chunk loads: DeskLayout and AdminLayout import this before they render.
 */
import i18next from 'i18next';
import { staffAreasEn } from '../i18n/staff-en';

// On the way to the desk's first rows: added as they are, without the deep copy and merge i18next makes
// by default. Their areas are top-level keys that en.ts does not have (the catalogue test checks it), so
// a shallow add loses nothing, and these objects are never changed.
i18next.addResourceBundle('en', 'translation', staffAreasEn, false, false, { skipCopy: true, silent: false });
