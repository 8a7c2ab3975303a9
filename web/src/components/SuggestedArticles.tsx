/**
 * Help articles that may answer the ticket the customer is writing, fetched as they type (debounced)
 * from GET /api/support/kb/suggest/. Articles open in the help centre in a new tab, so the form and what
 * was typed stay where they are.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, type KbSuggestion } from '../api/client';
import type { DeflectionTracker } from '../deflection';

const DEBOUNCE_MS = 300;
// Fewer characters than this say too little to search for.
const MIN_CHARS = 4;

/** Suggestions for the text, refreshed DEBOUNCE_MS after the last keystroke; stale answers are dropped. */
export function useSuggestions(subject: string, description: string, workspace?: string): KbSuggestion[] {
  const [suggestions, setSuggestions] = useState<KbSuggestion[]>([]);
  useEffect(() => {
    if ((subject + description).trim().length < MIN_CHARS) {
      setSuggestions([]);
      return;
    }
    const abort = new AbortController();
    const timer = setTimeout(() => {
      api
        .suggestArticles(
          { subject, description },
          { ...(workspace ? { workspace } : {}), signal: abort.signal },
        )
        .then(
          (answer) => setSuggestions(answer.results ?? []),
          (err: unknown) => {
            // Suggestions are a help, not the form: on an error the form simply shows none.
            if (!abort.signal.aborted && err instanceof ApiError) setSuggestions([]);
          },
        );
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [subject, description, workspace]);
  return suggestions;
}

/** The help centre's page for an article. */
export function articleUrl(workspace: string, article: KbSuggestion): string {
  const seg = encodeURIComponent;
  return `/kb/${seg(workspace)}/${seg(article.language ?? '')}/${seg(article.slug ?? '')}`;
}

export function SuggestedArticles({
  suggestions,
  workspace,
  tracker,
}: {
  suggestions: KbSuggestion[];
  workspace: string;
  tracker: DeflectionTracker;
}) {
  const { t } = useTranslation();
  const ids = suggestions.map((s) => s.id);
  const key = ids.join(',');
  useEffect(() => {
    if (key) tracker.shown(key.split(',').map(Number));
  }, [key, tracker]);

  if (suggestions.length === 0) return null;
  return (
    <section className="suggestions" aria-labelledby="suggestions-title" aria-live="polite">
      <h2 id="suggestions-title">{t('portal.suggestions')}</h2>
      <ul>
        {suggestions.map((article) => (
          <li key={article.id}>
            <a
              href={articleUrl(workspace, article)}
              target="_blank"
              rel="noopener"
              onClick={() => article.id !== undefined && tracker.opened(article.id)}
              onAuxClick={() => article.id !== undefined && tracker.opened(article.id)}
            >
              {article.title}
            </a>
            {article.excerpt && <p className="muted">{article.excerpt}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}
