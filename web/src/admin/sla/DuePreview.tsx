/**
 * The due-date preview beside the SLA editor: when a ticket created at the chosen moment would be due,
 * computed by the server's ticket clock with the editor's unsaved changes — so the dates move as the
 * admin edits a holiday or the business hours, before anything is saved.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';
import { usePriorities } from '../api';
import { inZone, localToIso, patchOf, type SlaForm } from './sla-form';

function nextMorning(): string {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  d.setHours(15, 0, 0, 0);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T15:00`;
}

export function DuePreview({ slaId, form }: { slaId: number; form: SlaForm }) {
  const { t, i18n } = useTranslation();
  const priorities = usePriorities();
  const [createdAt, setCreatedAt] = useState(nextMorning);
  const [priority, setPriority] = useState('');
  const changes = useDeferredValue(patchOf(form));
  const iso = localToIso(createdAt);
  const preview = useQuery({
    queryKey: ['admin', 'slas', slaId, 'preview', iso, priority, JSON.stringify(changes)],
    enabled: iso !== null,
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) =>
      unwrap(
        api.http.POST('/api/support/admin/slas/{id}/preview/', {
          params: { path: { id: slaId } },
          body: { created_at: iso ?? '', ...(priority ? { priority } : {}), changes },
          signal,
        }),
      ),
  });
  const data = preview.data;
  return (
    <section className="admin-section" aria-labelledby="preview-title">
      <h2 id="preview-title">{t('admin.slas.preview')}</h2>
      <div className="form-grid">
        <label className="field">
          {t('admin.slas.createdAt')}
          <input type="datetime-local" value={createdAt} onChange={(e) => setCreatedAt(e.target.value)} />
        </label>
        <label className="field">
          {t('admin.slas.priority')}
          <select value={priority} onChange={(e) => setPriority(e.target.value)}>
            <option value="">{t('admin.categories.workspaceDefault')}</option>
            {(priorities.data?.results ?? []).map((p) => (
              <option key={p.code} value={p.code}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {preview.error ? <ProblemAlert error={preview.error} /> : null}
      {data && (
        <dl className="figures" aria-live="polite" aria-busy={preview.isFetching}>
          <div className="figure">
            <dt>{t('admin.slas.responseDue')}</dt>
            <dd data-testid="preview-response">
              <strong>{inZone(data.response?.due_at, data.timezone ?? 'UTC', i18n.language)}</strong>
              {t('admin.slas.target', {
                hours: data.response?.hours,
                source: t(`admin.slas.source.${data.response?.source ?? 'sla'}`),
              })}
            </dd>
          </div>
          <div className="figure">
            <dt>{t('admin.slas.resolutionDue')}</dt>
            <dd data-testid="preview-resolution" data-due={data.resolution?.due_at}>
              <strong>{inZone(data.resolution?.due_at, data.timezone ?? 'UTC', i18n.language)}</strong>
              {t('admin.slas.target', {
                hours: data.resolution?.hours,
                source: t(`admin.slas.source.${data.resolution?.source ?? 'sla'}`),
              })}
            </dd>
          </div>
        </dl>
      )}
      <p className="muted small">{t('admin.slas.previewHint', { zone: data?.timezone ?? form.timezone })}</p>
    </section>
  );
}
