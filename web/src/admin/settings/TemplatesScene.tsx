/**
 * Response templates per category and language, with their usage counts, and an editor whose preview
 * fills the placeholders ({{customer.name}}…) with sample values as the admin types — the same
 * substitution the desk's composer shows and the server performs.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { Splash } from '../../guards';
import { ProblemAlert } from '../../components/ProblemAlert';
import { fillPlaceholders } from '../../desk/ticket/placeholders';
import { useAdminMutation, useCategories, useTemplates, type AdminTemplate } from '../api';
import { MutationStatus } from '../MutationStatus';

const PLACEHOLDERS = [
  'customer.name',
  'customer.email',
  'ticket.ticket_number',
  'ticket.subject',
  'ticket.status',
  'agent.name',
  'agent.email',
  'workspace.name',
] as const;

interface Draft {
  name: string;
  language: string;
  subject: string;
  content: string;
  categories: number[];
  is_active: boolean;
}

function TemplateEditor({ template, onDone }: { template: AdminTemplate | null; onDone: () => void }) {
  const { t } = useTranslation();
  const categories = useCategories();
  const [draft, setDraft] = useState<Draft>({
    name: template?.name ?? '',
    language: template?.language ?? 'en',
    subject: template?.subject ?? '',
    content: template?.content ?? '',
    categories: (template?.categories ?? []).map((c) => c.id ?? 0),
    is_active: template?.is_active ?? true,
  });
  const sample: Record<string, string> = {
    'customer.name': 'Jane Doe',
    'customer.email': 'jane@example.com',
    'ticket.ticket_number': 'DEMO-42',
    'ticket.subject': t('admin.templates.sampleSubject'),
    'ticket.status': t('status.open'),
    'agent.name': 'Alex Agent',
    'agent.email': 'alex@example.com',
    'workspace.name': 'Demo',
  };
  const save = useAdminMutation(() =>
    template
      ? unwrap(
          api.http.PATCH('/api/support/admin/templates/{id}/', {
            params: { path: { id: template.id ?? 0 } },
            body: draft,
          }),
        )
      : unwrap(api.http.POST('/api/support/admin/templates/', { body: draft })),
  );
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(undefined, { onSuccess: onDone });
  };
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft({ ...draft, [k]: v });
  return (
    <form className="admin-section" onSubmit={onSubmit} aria-labelledby="tpl-edit">
      <h2 id="tpl-edit">{template ? template.name : t('admin.templates.add')}</h2>
      <div className="form-grid">
        <label className="field">
          {t('admin.name')}
          <input required value={draft.name} onChange={(e) => set('name', e.target.value)} />
        </label>
        <label className="field">
          {t('admin.workspace.language')}
          <select value={draft.language} onChange={(e) => set('language', e.target.value)}>
            <option value="en">English</option>
            <option value="de">Deutsch</option>
          </select>
        </label>
        <label className="field">
          {t('admin.templates.categories')}
          <select
            multiple
            value={draft.categories.map(String)}
            onChange={(e) =>
              set(
                'categories',
                [...e.target.selectedOptions].map((o) => Number(o.value)),
              )
            }
          >
            {(categories.data?.results ?? []).map((c) => (
              <option key={c.id} value={String(c.id)}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="check-field">
          <input
            type="checkbox"
            checked={draft.is_active}
            onChange={(e) => set('is_active', e.target.checked)}
          />
          {t('admin.active')}
        </label>
      </div>
      <div className="editor-split">
        <label className="field">
          {t('admin.templates.content')}
          <textarea required value={draft.content} onChange={(e) => set('content', e.target.value)} />
          <span className="muted small">
            {t('admin.templates.placeholders')} {PLACEHOLDERS.map((p) => `{{${p}}}`).join(' ')}
          </span>
        </label>
        <div className="field">
          <span>{t('admin.templates.preview')}</span>
          <div className="preview" data-testid="template-preview" style={{ whiteSpace: 'pre-wrap' }}>
            {fillPlaceholders(draft.content, sample)}
          </div>
        </div>
      </div>
      <div className="row">
        <button type="submit" className="primary" disabled={save.isPending}>
          {template ? t('admin.save') : t('admin.create')}
        </button>
      </div>
      <MutationStatus error={save.error} saved={save.isSuccess} />
    </form>
  );
}

export default function TemplatesScene() {
  const { t } = useTranslation();
  const templates = useTemplates();
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  if (templates.error) return <ProblemAlert error={templates.error} />;
  if (!templates.data) return <Splash />;
  const list = templates.data.results ?? [];
  const current = typeof editing === 'number' ? (list.find((x) => x.id === editing) ?? null) : null;
  return (
    <section className="admin-page" aria-labelledby="tpl-title">
      <h1 id="tpl-title">{t('admin.templates.title')}</h1>
      <div className="admin-section table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('admin.name')}</th>
              <th scope="col">{t('admin.workspace.language')}</th>
              <th scope="col">{t('admin.templates.categories')}</th>
              <th scope="col">{t('admin.templates.usage')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((tpl) => (
              <tr key={tpl.id}>
                <td>
                  <button type="button" className="link" onClick={() => setEditing(tpl.id ?? null)}>
                    {tpl.name}
                  </button>
                  {!tpl.is_active && <span className="status-chip"> {t('admin.inactive')}</span>}
                </td>
                <td>{tpl.language}</td>
                <td>
                  {(tpl.categories ?? []).map((c) => c.name).join(', ') || t('admin.templates.allCategories')}
                </td>
                <td>{tpl.usage_count ?? 0}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="row">
          <button type="button" className="secondary" onClick={() => setEditing('new')}>
            {t('admin.templates.add')}
          </button>
        </div>
      </div>
      {editing !== null && (
        <TemplateEditor key={String(editing)} template={current} onDone={() => setEditing(null)} />
      )}
    </section>
  );
}
