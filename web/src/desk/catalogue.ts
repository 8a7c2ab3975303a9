/**
 * The staff-only English strings (i18n/staff-en.ts), added to i18next when the desk's or the admin
 * console's first chunk loads: DeskLayout and AdminLayout import this before they render.
 */
import i18next from 'i18next';
import { staffAreasEn } from '../i18n/staff-en';

i18next.addResourceBundle('en', 'translation', staffAreasEn, true, false);
