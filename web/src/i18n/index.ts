/**
 * i18next with the English catalogue bundled and the German one in its own chunk, loaded only when the
 * UI is German (a cold start in English never downloads or parses it): the language is the one the agent
 * picked (remembered), else the browser's, else English.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';

export const LANGUAGES = ['en', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];
const KEY = 'bfg2-support.language';

function initialLanguage(): Language {
  const chosen = localStorage.getItem(KEY);
  if (chosen === 'en' || chosen === 'de') return chosen;
  return navigator.language.toLowerCase().startsWith('de') ? 'de' : 'en';
}

/** The UI's language now: account mails asked for from this page are written in it. */
export function currentLanguage(): Language {
  return i18next.language === 'de' ? 'de' : 'en';
}

/** The German catalogue, fetched once (English is always there: it is the fallback). */
let german: Promise<void> | null = null;
function loadCatalogue(language: Language): Promise<void> {
  if (language !== 'de') return Promise.resolve();
  german ??= import('./de').then(({ de }) => {
    // Deep, not overwriting: an area's own strings (the admin console's) may be there already.
    i18next.addResourceBundle('de', 'translation', de, true, false);
  });
  return german;
}

/** Switches the UI language and remembers it for the next visit. */
export async function setLanguage(language: Language): Promise<void> {
  localStorage.setItem(KEY, language);
  await loadCatalogue(language);
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
}

export async function initI18n(): Promise<void> {
  const lng = initialLanguage();
  document.documentElement.lang = lng;
  const catalogue = loadCatalogue(lng);
  await i18next.use(initReactI18next).init({
    lng,
    fallbackLng: 'en',
    resources: { en: { translation: en } },
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  await catalogue;
}
