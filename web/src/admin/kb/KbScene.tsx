/**
 * KB authoring's start page (all staff): the dashboard, the articles with their status and language
 * (filter and search), and the category tree per language with a form for a new category.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';
import { buildTree, type TreeNode } from '../settings/category-tree';
import { useAdminMutation, useKbArticles, useKbCategories, type KbCategory } from '../api';
import { MutationStatus } from '../MutationStatus';
import { KbDashboard } from './KbDashboard';

const STATUSES = ['', 'draft', 'published', 'archived'] as const;
type FlatKb = KbCategory & { id: number; parent: number | null; order: number };

function KbCategories() {
  const { t } = useTranslation();
  const categories = useKbCategories();
  const [name, setName] = useState('');
  const [language, setLanguage] = useState('en');
  const [parent, setParent] = useState('');
  const create = useAdminMutation(() =>
    unwrap(
      api.http.POST('/api/support/admin/kb/categories/', {
        body: { name, language, parent: parent ? Number(parent) : null },
      }),
    ),
  );
  const flat: FlatKb[] = (categories.data?.results ?? []).map((c) => ({
    ...c,
    id: c.id ?? 0,
    parent: c.parent?.id ?? null,
    order: c.order ?? 0,
  }));
  const render = (node: TreeNode<FlatKb>) => (
    <li key={node.item.id}>
      {node.item.name} <span className="muted small">{node.item.language}</span>
      {node.children.length > 0 && <ul>{node.children.map(render)}</ul>}
    </li>
  );
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(undefined, { onSuccess: () => setName('') });
  };
  return (
    <div className="admin-section">
      <h2>{t('admin.kb.categories')}</h2>
      {categories.error ? <ProblemAlert error={categories.error} /> : null}
      <ul>{buildTree(flat).map(render)}</ul>
      <form className="row" onSubmit={onSubmit} aria-label={t('admin.kb.addCategory')}>
        <label className="field">
          {t('admin.name')}
          <input required value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="field">
          {t('admin.workspace.language')}
          <select value={language} onChange={(e) => setLanguage(e.target.value)}>
            <option value="en">English</option>
            <option value="de">Deutsch</option>
          </select>
        </label>
        <label className="field">
          {t('admin.kb.parent')}
          <select value={parent} onChange={(e) => setParent(e.target.value)}>
            <option value="">{t('admin.none')}</option>
            {flat
              .filter((c) => c.language === language)
              .map((c) => (
                <option key={c.id} value={String(c.id)}>
                  {c.name}
                </option>
              ))}
          </select>
        </label>
        <button type="submit" className="secondary" disabled={create.isPending}>
          {t('admin.kb.addCategory')}
        </button>
      </form>
      <MutationStatus error={create.error} saved={create.isSuccess} />
    </div>
  );
}

export default function KbScene() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState('');
  const articles = useKbArticles({ ...(q ? { q } : {}), ...(status ? { status } : {}) });
  return (
    <section className="admin-page" aria-labelledby="kb-title">
      <h1 id="kb-title">{t('admin.kb.title')}</h1>
      <KbDashboard />
      <div className="admin-section">
        <div className="row">
          <h2>{t('admin.kb.articles')}</h2>
          <Link className="button" to="/admin/kb/articles/new">
            {t('admin.kb.newArticle')}
          </Link>
        </div>
        <div className="row">
          <label className="field">
            {t('admin.kb.search')}
            <input type="search" value={q} onChange={(e) => setQ(e.target.value)} />
          </label>
          <label className="field">
            {t('admin.kb.status')}
            <select value={status} onChange={(e) => setStatus(e.target.value)}>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s ? t(`admin.kb.statuses.${s}`) : t('admin.kb.anyStatus')}
                </option>
              ))}
            </select>
          </label>
        </div>
        {articles.error ? <ProblemAlert error={articles.error} /> : null}
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('admin.kb.articleTitle')}</th>
                <th scope="col">{t('admin.workspace.language')}</th>
                <th scope="col">{t('admin.kb.status')}</th>
                <th scope="col">{t('admin.kb.views')}</th>
              </tr>
            </thead>
            <tbody>
              {(articles.data?.results ?? []).map((a) => (
                <tr key={a.id}>
                  <td>
                    <Link to={`/admin/kb/articles/${a.id}`}>{a.title}</Link>
                  </td>
                  <td>{a.language}</td>
                  <td>
                    <span className="status-chip">{t(`admin.kb.statuses.${a.status ?? 'draft'}`)}</span>
                  </td>
                  <td>{a.view_count ?? 0}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <KbCategories />
    </section>
  );
}
