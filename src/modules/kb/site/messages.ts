/**
 * The help centre's own words (not the articles'), per language. A language without a table here uses
 * English for the chrome while its articles stay in their own language.
 */
export interface SiteMessages {
  helpCentre: string;
  searchPlaceholder: string;
  searchButton: string;
  searchLabel: string;
  categories: string;
  popular: string;
  related: string;
  recent: string;
  articlesIn: (category: string) => string;
  subcategories: string;
  articleCount: (n: number) => string;
  noArticles: string;
  resultsFor: (query: string) => string;
  noResults: (query: string) => string;
  correctedNotice: string;
  didYouMean: string;
  emptySearch: string;
  moreResults: string;
  morePages: string;
  wasHelpful: string;
  yes: string;
  no: string;
  thanks: string;
  thanksNotHelpful: string;
  stillNeedHelp: string;
  contactUs: string;
  updated: string;
  alsoIn: string;
  home: string;
  notFoundTitle: string;
  notFoundText: string;
  badRequestTitle: string;
  badRequestText: string;
  errorTitle: string;
  tooManyTitle: string;
  tooManyText: string;
  errorText: string;
  backHome: string;
}

const en: SiteMessages = {
  helpCentre: 'Help centre',
  searchPlaceholder: 'Search for answers…',
  searchButton: 'Search',
  searchLabel: 'Search the help centre',
  categories: 'Categories',
  popular: 'Popular articles',
  related: 'Related articles',
  recent: 'New articles',
  articlesIn: (category) => `Articles in ${category}`,
  subcategories: 'Sections',
  articleCount: (n) => (n === 1 ? '1 article' : `${n} articles`),
  noArticles: 'There are no articles here yet.',
  resultsFor: (query) => `Results for “${query}”`,
  noResults: (query) => `Nothing found for “${query}”. Try other or fewer words.`,
  correctedNotice: 'No exact matches; showing results for similar words.',
  didYouMean: 'Did you mean',
  emptySearch: 'Type a question or a few words to search the articles.',
  moreResults: 'More results',
  morePages: 'More articles',
  wasHelpful: 'Was this article helpful?',
  yes: 'Yes',
  no: 'No',
  thanks: 'Thanks for your feedback!',
  thanksNotHelpful: 'Thanks for telling us. We will improve this article.',
  stillNeedHelp: 'Still need help?',
  contactUs: 'Contact us',
  updated: 'Updated',
  alsoIn: 'Also available in',
  home: 'Help centre',
  notFoundTitle: 'Page not found',
  notFoundText: 'The page you were looking for does not exist or is no longer available.',
  badRequestTitle: 'Bad request',
  badRequestText: 'This address is not valid. Check the link or start again from the help centre.',
  errorTitle: 'Something went wrong',
  tooManyTitle: 'Too many requests',
  tooManyText: 'Please wait a few minutes and try again.',
  errorText: 'The page could not be shown. Please try again in a moment.',
  backHome: 'Go to the help centre',
};

const de: SiteMessages = {
  helpCentre: 'Hilfe-Center',
  searchPlaceholder: 'Wonach suchen Sie?',
  searchButton: 'Suchen',
  searchLabel: 'Hilfe-Center durchsuchen',
  categories: 'Kategorien',
  popular: 'Beliebte Artikel',
  related: 'Verwandte Artikel',
  recent: 'Neue Artikel',
  articlesIn: (category) => `Artikel in ${category}`,
  subcategories: 'Bereiche',
  articleCount: (n) => `${n} Artikel`,
  noArticles: 'Hier gibt es noch keine Artikel.',
  resultsFor: (query) => `Ergebnisse für „${query}“`,
  noResults: (query) => `Nichts gefunden für „${query}“. Versuchen Sie andere oder weniger Wörter.`,
  correctedNotice: 'Keine genauen Treffer; Ergebnisse für ähnliche Wörter.',
  didYouMean: 'Meinten Sie',
  emptySearch: 'Geben Sie eine Frage oder ein paar Wörter ein, um die Artikel zu durchsuchen.',
  moreResults: 'Weitere Ergebnisse',
  morePages: 'Weitere Artikel',
  wasHelpful: 'War dieser Artikel hilfreich?',
  yes: 'Ja',
  no: 'Nein',
  thanks: 'Danke für Ihr Feedback!',
  thanksNotHelpful: 'Danke für den Hinweis. Wir verbessern diesen Artikel.',
  stillNeedHelp: 'Brauchen Sie weitere Hilfe?',
  contactUs: 'Kontakt aufnehmen',
  updated: 'Aktualisiert',
  alsoIn: 'Auch verfügbar auf',
  home: 'Hilfe-Center',
  notFoundTitle: 'Seite nicht gefunden',
  notFoundText: 'Die gesuchte Seite gibt es nicht oder nicht mehr.',
  badRequestTitle: 'Ungültige Anfrage',
  badRequestText: 'Diese Adresse ist nicht gültig. Prüfen Sie den Link oder beginnen Sie im Hilfe-Center.',
  errorTitle: 'Etwas ist schiefgelaufen',
  tooManyTitle: 'Zu viele Anfragen',
  tooManyText: 'Bitte warten Sie ein paar Minuten und versuchen Sie es dann erneut.',
  errorText: 'Die Seite konnte nicht angezeigt werden. Bitte versuchen Sie es gleich noch einmal.',
  backHome: 'Zum Hilfe-Center',
};

const TABLES: Record<string, SiteMessages> = { en, de };

/** The chrome's words in `language` (its base language for a regional code), else English. */
export function messagesFor(language: string): SiteMessages {
  const lower = language.toLowerCase();
  return TABLES[lower] ?? TABLES[lower.split('-')[0] ?? ''] ?? en;
}

/** A language's own name for the language switcher, e.g. "Deutsch"; the code when unknown. */
export function languageName(language: string): string {
  try {
    const name = new Intl.DisplayNames([language], { type: 'language' }).of(language);
    return name ? name.charAt(0).toLocaleUpperCase(language) + name.slice(1) : language;
  } catch {
    return language;
  }
}
