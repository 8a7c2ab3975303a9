/**
 * Which language a visitor reads: `?language=`, else the best of Accept-Language that the knowledge base
 * has, else the workspace's default. A language the knowledge base does not have falls back to the
 * default, and the response says so (`language_fallback`).
 */
import { invalid } from '../../platform/errors.js';
import { acceptedLanguages, matchLanguage } from '../../platform/http/accept-language.js';

export { acceptedLanguages, matchLanguage };

/** BCP 47 language with an optional region or script: en, de-AT, pt-BR, zh-Hant. */
export const LANGUAGE_PATTERN = '^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?$';
const LANGUAGE = new RegExp(LANGUAGE_PATTERN);

/** Lower-cases a language code; 400 when it is not one. */
export function normaliseLanguage(code: string, path = 'language'): string {
  const value = code.trim();
  if (!LANGUAGE.test(value)) throw invalid(path, 'must be a language code such as "en" or "de-AT"');
  return value.toLowerCase();
}

export interface LanguageChoice {
  /** The language served. */
  language: string;
  /** What the visitor asked for (explicitly or by their browser); the default when they asked nothing. */
  requested: string;
  /** True when the requested language is not available and the default is served instead. */
  fallback: boolean;
}

/** Chooses the language to serve among those the knowledge base has published articles in. */
export function chooseLanguage(options: {
  available: readonly string[];
  defaultLanguage: string;
  requested?: string | undefined;
  acceptLanguage?: string | undefined;
}): LanguageChoice {
  const defaultLanguage = options.defaultLanguage.toLowerCase();
  if (options.requested !== undefined) {
    const requested = normaliseLanguage(options.requested);
    const match = matchLanguage(requested, options.available);
    return match
      ? { language: match, requested, fallback: false }
      : { language: defaultLanguage, requested, fallback: true };
  }
  const accepted = acceptedLanguages(options.acceptLanguage);
  for (const wanted of accepted) {
    const match = matchLanguage(wanted, options.available);
    if (match) return { language: match, requested: wanted, fallback: false };
  }
  const requested = accepted[0] ?? defaultLanguage;
  return {
    language: defaultLanguage,
    requested,
    fallback: matchLanguage(requested, [defaultLanguage]) === null,
  };
}
