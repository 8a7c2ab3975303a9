/** Ticket priorities: response and resolution hours and a colour each; a form adds one. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { Splash } from '../../guards';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useAdminMutation, usePriorities, type AdminPriority } from '../api';
import { MutationStatus } from '../MutationStatus';

interface Row {
  code: string;
  name: string;
  response_hours: number;
  resolution_hours: number;
  color: string;
}

const rowOf = (p: AdminPriority): Row => ({
  code: p.code ?? '',
  name: p.name ?? '',
  response_hours: p.response_hours ?? 24,
  resolution_hours: p.resolution_hours ?? 72,
  color: p.color ?? '#6b7280',
});

function PriorityForm({ priority }: { priority: AdminPriority | null }) {
  const { t } = useTranslation();
  const blank: Row = { code: '', name: '', response_hours: 24, resolution_hours: 72, color: '#2563eb' };
  const [row, setRow] = useState<Row>(priority ? rowOf(priority) : blank);
  const save = useAdminMutation(async (r: Row) => {
    const { code, ...body } = r;
    if (priority) {
      return unwrap(
        api.http.PATCH('/api/support/admin/priorities/{id}/', {
          params: { path: { id: String(priority.id) } },
          body,
        }),
      );
    }
    return unwrap(api.http.POST('/api/support/admin/priorities/', { body: { ...body, code } }));
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(row, { onSuccess: () => !priority && setRow(blank) });
  };
  const label = priority ? priority.name : t('admin.priorities.add');
  return (
    <form className="admin-section" onSubmit={onSubmit} aria-label={label}>
      <div className="form-grid">
        {!priority && (
          <label className="field">
            {t('admin.priorities.code')}
            <input
              required
              pattern="[a-z0-9_-]+"
              value={row.code}
              onChange={(e) => setRow({ ...row, code: e.target.value })}
            />
          </label>
        )}
        <label className="field">
          {t('admin.name')}
          <input required value={row.name} onChange={(e) => setRow({ ...row, name: e.target.value })} />
        </label>
        <label className="field">
          {t('admin.slas.responseHours')}
          <input
            type="number"
            min={1}
            value={row.response_hours}
            onChange={(e) => setRow({ ...row, response_hours: Number(e.target.value) })}
          />
        </label>
        <label className="field">
          {t('admin.slas.resolutionHours')}
          <input
            type="number"
            min={1}
            value={row.resolution_hours}
            onChange={(e) => setRow({ ...row, resolution_hours: Number(e.target.value) })}
          />
        </label>
        <label className="field">
          {t('admin.colour')}
          <input type="color" value={row.color} onChange={(e) => setRow({ ...row, color: e.target.value })} />
        </label>
      </div>
      <div className="row">
        <button type="submit" className={priority ? 'secondary' : 'primary'} disabled={save.isPending}>
          {priority ? t('admin.save') : t('admin.create')}
        </button>
        {priority && <span className="muted small">{priority.code}</span>}
      </div>
      <MutationStatus error={save.error} saved={save.isSuccess} />
    </form>
  );
}

export default function PrioritiesScene() {
  const { t } = useTranslation();
  const priorities = usePriorities();
  if (priorities.error) return <ProblemAlert error={priorities.error} />;
  if (!priorities.data) return <Splash />;
  return (
    <section className="admin-page" aria-labelledby="prio-title">
      <h1 id="prio-title">{t('admin.priorities.title')}</h1>
      {(priorities.data.results ?? []).map((p) => (
        <PriorityForm key={p.id} priority={p} />
      ))}
      <h2>{t('admin.priorities.add')}</h2>
      <PriorityForm priority={null} />
    </section>
  );
}
