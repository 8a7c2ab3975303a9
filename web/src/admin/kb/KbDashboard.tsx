/**
 * The knowledge base's small dashboard: the deflection figures of the last 30 days (customers shown
 * suggestions who left without filing a ticket) and the searches that found nothing, each one a
 * button that starts an article with the query as its title.
 */
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useDeflection, useSearchMisses } from '../api';

export function KbDashboard() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const deflection = useDeflection();
  const misses = useSearchMisses();
  const d = deflection.data;
  const figures: [string, string][] = d
    ? [
        [t('admin.kb.withSuggestions'), String(d.sessions_with_suggestions ?? 0)],
        [t('admin.kb.openedArticle'), String(d.sessions_opened_article ?? 0)],
        [t('admin.kb.deflected'), String(d.sessions_deflected ?? 0)],
        [t('admin.kb.submitted'), String(d.sessions_submitted_ticket ?? 0)],
        [t('admin.kb.rate'), `${Math.round((d.deflection_rate ?? 0) * 1000) / 10} %`],
      ]
    : [];
  return (
    <div className="admin-section">
      <h2>{t('admin.kb.dashboard')}</h2>
      {deflection.error ? <ProblemAlert error={deflection.error} /> : null}
      <dl className="figures" data-testid="deflection">
        {figures.map(([label, value]) => (
          <div className="figure" key={label}>
            <dt className="muted small">{label}</dt>
            <dd>
              <strong>{value}</strong>
            </dd>
          </div>
        ))}
      </dl>
      {d && (d.top_articles ?? []).length > 0 && (
        <p className="small">
          {t('admin.kb.topArticles')}{' '}
          {(d.top_articles ?? []).map((a) => `${a.title} (${a.opened})`).join(', ')}
        </p>
      )}
      <h3>{t('admin.kb.misses')}</h3>
      {misses.error ? <ProblemAlert error={misses.error} /> : null}
      {(misses.data?.results ?? []).length === 0 ? (
        <p className="muted small">{t('admin.kb.noMisses')}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('admin.kb.query')}</th>
                <th scope="col">{t('admin.workspace.language')}</th>
                <th scope="col">{t('admin.kb.count')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('admin.kb.writeArticle')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {(misses.data?.results ?? []).map((m) => (
                <tr key={m.id}>
                  <td>{m.query}</td>
                  <td>{m.language}</td>
                  <td>{m.count}</td>
                  <td>
                    <button
                      type="button"
                      className="secondary small"
                      onClick={() =>
                        void navigate(
                          `/admin/kb/articles/new?title=${encodeURIComponent(m.query ?? '')}&language=${m.language ?? 'en'}`,
                        )
                      }
                    >
                      {t('admin.kb.writeArticle')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
