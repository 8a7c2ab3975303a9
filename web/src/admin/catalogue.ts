/**
 * The admin console's strings, added to i18next when the console's first chunk loads (AdminLayout
 * imports this before it renders), so the portal's and the desk's start bundle do not carry them.
 */
import i18next from 'i18next';
import { adminDe } from '../i18n/areas/admin-de';
import { adminEn } from '../i18n/areas/admin';

i18next.addResourceBundle('en', 'translation', { admin: adminEn }, true, true);
i18next.addResourceBundle('de', 'translation', { admin: adminDe }, true, true);
