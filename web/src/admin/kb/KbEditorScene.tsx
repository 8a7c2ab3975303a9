/**
 * The article editor: Markdown on the left, the help centre's rendering on the right (the server's own
 * renderer and sanitiser, POST …/kb/preview/), status draft / published / archived, category and tags,
 * a translation side by side, and the tickets about the same subject.
 */
import { useDeferredValue, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { Splash } from '../../guards';
import { ProblemAlert } from '../../components/ProblemAlert';
import { routes } from '../../routes';
import { useSession } from '../../session';
import {
  useAdminMutation,
  useKbArticle,
  useKbCategories,
  useMarkdownPreview,
  useRelatedTickets,
  type KbArticle,
} from '../api';
import { MutationStatus } from '../MutationStatus';

type Status = 'draft' | 'published' | 'archived';

interface Draft {
  title: string;
  content: string;
  language: string;
  status: Status;
  category: number | null;
  tags: string;
}

const draftOf = (a: KbArticle): Draft => ({
  title: a.title ?? '',
  content: a.content ?? '',
  language: a.language ?? 'en',
  status: a.status ?? 'draft',
  category: a.category?.id ?? null,
  tags: (a.tags ?? []).join(', '),
});

/** The rendered Markdown, as the help centre will show it. */
function Preview({ content, label }: { content: string; label: string }) {
  const deferred = useDeferredValue(content);
  const preview = useMarkdownPreview(deferred);
  return (
    <div className="field">
      <span id="kb-preview-label">{label}</span>
      {preview.error ? <ProblemAlert error={preview.error} /> : null}
      <div
        className="preview"
        data-testid="kb-preview"
        aria-labelledby="kb-preview-label"
        role="region"
        // The server rendered and sanitised it (markdown-it without raw HTML, then sanitize-html).
        dangerouslySetInnerHTML={{ __html: preview.data?.html ?? '' }}
      />
    </div>
  );
}

function SideBySide({ article }: { article: KbArticle }) {
  const { t } = useTranslation();
  const others = (article.translations ?? []).filter((x) => x.id !== article.id);
  const [chosen, setChosen] = useState<number | null>(others[0]?.id ?? null);
  const translation = useKbArticle(chosen);
  return (
    <div className="admin-section">
      <h2>{t('admin.kb.translations')}</h2>
      <div className="row">
        {others.length > 0 && (
          <label className="field">
            {t('admin.kb.compareWith')}
            <select value={String(chosen ?? '')} onChange={(e) => setChosen(Number(e.target.value))}>
              {others.map((x) => (
                <option key={x.id} value={String(x.id)}>
                  {x.language}: {x.title}
                </option>
              ))}
            </select>
          </label>
        )}
        {(['en', 'de'] as const)
          .filter((l) => l !== article.language && !others.some((x) => x.language === l))
          .map((l) => (
            <Link
              key={l}
              className="button"
              to={`/admin/kb/articles/new?translation_of=${article.id}&language=${l}&title=${encodeURIComponent(article.title ?? '')}`}
            >
              {t('admin.kb.translateInto', { language: l === 'de' ? 'Deutsch' : 'English' })}
            </Link>
          ))}
      </div>
      {translation.data && (
        <div className="editor-split" data-testid="side-by-side">
          <div lang={article.language}>
            <h3>{article.title}</h3>
            <div className="preview" dangerouslySetInnerHTML={{ __html: article.content_html ?? '' }} />
          </div>
          <div lang={translation.data.language}>
            <h3>
              <Link to={`/admin/kb/articles/${translation.data.id}`}>{translation.data.title}</Link>
            </h3>
            <div
              className="preview"
              dangerouslySetInnerHTML={{ __html: translation.data.content_html ?? '' }}
            />
          </div>
        </div>
      )}
    </div>
  );
}

function RelatedTickets({ title }: { title: string }) {
  const { t } = useTranslation();
  const related = useRelatedTickets(useDeferredValue(title));
  const rows = related.data?.results ?? [];
  return (
    <div className="admin-section">
      <h2>{t('admin.kb.related')}</h2>
      {rows.length === 0 ? (
        <p className="muted small">{t('admin.kb.noRelated')}</p>
      ) : (
        <ul>
          {rows.map((ticket) => (
            <li key={ticket.id}>
              <Link to={routes.deskTicket(ticket.ticket_number ?? '')}>{ticket.ticket_number}</Link>{' '}
              {ticket.subject}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Keyed by the URL: another article / SLA (or "new") starts from a fresh form, not the last one's. */
export default function KbEditorScene() {
  const location = useLocation();
  return <ArticleEditor key={location.pathname + location.search} />;
}

function ArticleEditor() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const param = useParams().id ?? 'new';
  const [search] = useSearchParams();
  const id = param === 'new' ? null : Number(param);
  const article = useKbArticle(id);
  const categories = useKbCategories();
  const { state } = useSession();
  const workspace = state.status === 'signed-in' ? state.me.workspace.slug : null;
  const [draft, setDraft] = useState<Draft | null>(
    id === null
      ? {
          title: search.get('title') ?? '',
          content: '',
          language: search.get('language') ?? 'en',
          status: 'draft',
          category: null,
          tags: '',
        }
      : null,
  );
  useEffect(() => {
    if (article.data && !draft) setDraft(draftOf(article.data));
  }, [article.data, draft]);
  const save = useAdminMutation(async (d: Draft) => {
    const body = {
      title: d.title,
      content: d.content,
      language: d.language,
      category: d.category,
      tags: d.tags,
    };
    if (id === null) {
      const translationOf = search.get('translation_of');
      return unwrap(
        api.http.POST('/api/support/admin/kb/articles/', {
          body: {
            ...body,
            status: d.status === 'archived' ? 'draft' : d.status,
            ...(translationOf ? { translation_of: Number(translationOf) } : {}),
          },
        }),
      );
    }
    return unwrap(
      api.http.PATCH('/api/support/admin/kb/articles/{id}/', {
        params: { path: { id } },
        body: { ...body, status: d.status },
      }),
    );
  });

  if (article.error) return <ProblemAlert error={article.error} />;
  if (!draft) return <Splash />;
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft({ ...draft, [k]: v });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(draft, {
      onSuccess: (saved) => {
        if (id === null && saved.id) void navigate(`/admin/kb/articles/${saved.id}`, { replace: true });
      },
    });
  };
  const sameLanguage = (categories.data?.results ?? []).filter((c) => c.language === draft.language);

  return (
    <section className="admin-page" aria-labelledby="kb-edit-title">
      <p>
        <Link to="/admin/kb">{t('admin.kb.back')}</Link>
      </p>
      <h1 id="kb-edit-title">{id === null ? t('admin.kb.newArticle') : t('admin.kb.editArticle')}</h1>
      <form className="admin-section" onSubmit={onSubmit} aria-labelledby="kb-edit-title">
        <div className="form-grid">
          <label className="field">
            {t('admin.kb.articleTitle')}
            <input required value={draft.title} onChange={(e) => set('title', e.target.value)} />
          </label>
          <label className="field">
            {t('admin.workspace.language')}
            <select
              value={draft.language}
              disabled={id !== null}
              onChange={(e) => set('language', e.target.value)}
            >
              <option value="en">English</option>
              <option value="de">Deutsch</option>
            </select>
          </label>
          <label className="field">
            {t('admin.kb.status')}
            <select value={draft.status} onChange={(e) => set('status', e.target.value as Status)}>
              {(['draft', 'published', 'archived'] as const).map((s) => (
                <option key={s} value={s} disabled={id === null && s === 'archived'}>
                  {t(`admin.kb.statuses.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            {t('admin.kb.category')}
            <select
              value={String(draft.category ?? '')}
              onChange={(e) => set('category', e.target.value ? Number(e.target.value) : null)}
            >
              <option value="">{t('admin.none')}</option>
              {sameLanguage.map((c) => (
                <option key={c.id} value={String(c.id)}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            {t('admin.kb.tags')}
            <input value={draft.tags} onChange={(e) => set('tags', e.target.value)} />
          </label>
        </div>
        <div className="editor-split">
          <label className="field">
            {t('admin.kb.markdown')}
            <textarea required value={draft.content} onChange={(e) => set('content', e.target.value)} />
          </label>
          <Preview content={draft.content} label={t('admin.kb.preview')} />
        </div>
        <div className="row">
          <button type="submit" className="primary" disabled={save.isPending}>
            {t('admin.save')}
          </button>
          {article.data?.status === 'published' && article.data.slug && workspace && (
            <a href={`/kb/${workspace}/${article.data.language}/${article.data.slug}`}>
              {t('admin.kb.view')}
            </a>
          )}
        </div>
        <MutationStatus error={save.error} saved={save.isSuccess} />
      </form>
      {article.data && <SideBySide article={article.data} />}
      <RelatedTickets title={draft.title} />
    </section>
  );
}
