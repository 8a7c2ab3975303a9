/**
 * The knowledge-base articles most likely to answer the ticket (ranked by the server from its subject
 * and first message; asked again when the subject changes), each opening in the help centre and with
 * "Insert link", which puts the article's title and public address into the reply at the caret.
 */
import { useTranslation } from 'react-i18next';
import type { Ticket } from '../../api/types';
import { useRelatedArticles, type RelatedArticle } from '../../api/ticket-help';
import { ProblemAlert } from '../../components/ProblemAlert';

/** The public address of an article: the API gives the path on this site. */
export function articleAddress(
  article: Pick<RelatedArticle, 'url'>,
  origin = window.location.origin,
): string {
  return /^https?:\/\//.test(article.url) ? article.url : `${origin}${article.url}`;
}

export function RelatedArticles({
  ticket,
  onInsert,
}: {
  ticket: Ticket;
  /** Absent where the agent cannot reply. */
  onInsert?: (article: RelatedArticle) => void;
}) {
  const { t } = useTranslation();
  const related = useRelatedArticles(ticket.ticket_number ?? '', ticket.subject ?? '');
  const articles = related.data?.results ?? [];
  return (
    <section className="card side-panel related-articles" aria-labelledby="related-title">
      <h2 id="related-title">{t('ticketHelp.related.title')}</h2>
      {related.isPending ? (
        <p className="muted">{t('app.loading')}</p>
      ) : related.isError ? (
        <ProblemAlert error={related.error} />
      ) : articles.length === 0 ? (
        <p className="muted">{t('ticketHelp.related.empty')}</p>
      ) : (
        <ul className="related-list">
          {articles.map((article) => (
            <li key={article.id}>
              <a
                href={articleAddress(article)}
                target="_blank"
                rel="noopener noreferrer"
                aria-label={t('ticketHelp.related.open', { title: article.title })}
              >
                {article.title}
              </a>
              {article.excerpt && <p className="muted small related-excerpt">{article.excerpt}</p>}
              {onInsert && (
                <button
                  type="button"
                  className="secondary small-button"
                  aria-label={t('ticketHelp.related.insertLabel', { title: article.title })}
                  onClick={() => onInsert(article)}
                >
                  {t('ticketHelp.related.insert')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
