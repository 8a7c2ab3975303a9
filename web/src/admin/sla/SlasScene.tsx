/** The SLAs: their targets and calendars at a glance, a link to each editor, and a form for a new one. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, unwrap } from '../../api/client';
import { Splash } from '../../guards';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useAdminMutation, useSlas } from '../api';
import { MutationStatus } from '../MutationStatus';

export default function SlasScene() {
  const { t } = useTranslation();
  const slas = useSlas();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const create = useAdminMutation((slaName: string) =>
    unwrap(api.http.POST('/api/support/admin/slas/', { body: { name: slaName } })),
  );
  if (slas.error) return <ProblemAlert error={slas.error} />;
  if (!slas.data) return <Splash />;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(name, { onSuccess: (sla) => void navigate(`/admin/slas/${sla.id}`) });
  };
  return (
    <section className="admin-page" aria-labelledby="slas-title">
      <h1 id="slas-title">{t('admin.slas.title')}</h1>
      <div className="admin-section table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('admin.name')}</th>
              <th scope="col">{t('admin.slas.response')}</th>
              <th scope="col">{t('admin.slas.resolution')}</th>
              <th scope="col">{t('admin.slas.calendar')}</th>
              <th scope="col">{t('admin.slas.holidays')}</th>
            </tr>
          </thead>
          <tbody>
            {(slas.data.results ?? []).map((sla) => (
              <tr key={sla.id}>
                <td>
                  <Link to={`/admin/slas/${sla.id}`}>{sla.name}</Link>
                  {sla.is_default && <span className="status-chip"> {t('admin.slas.default')}</span>}
                  {!sla.is_active && <span className="status-chip"> {t('admin.inactive')}</span>}
                </td>
                <td>{t('admin.hours', { count: sla.first_response_hours ?? 0 })}</td>
                <td>{t('admin.hours', { count: sla.resolution_hours ?? 0 })}</td>
                <td>
                  {sla.uses_business_hours
                    ? `${sla.business_hours_start?.slice(0, 5)}–${sla.business_hours_end?.slice(0, 5)} · ${sla.timezone}`
                    : t('admin.slas.allDay')}
                </td>
                <td>{sla.holidays?.length ?? 0}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form className="admin-section" onSubmit={onSubmit} aria-labelledby="sla-new">
        <h2 id="sla-new">{t('admin.slas.add')}</h2>
        <div className="row">
          <label className="field">
            {t('admin.name')}
            <input required value={name} onChange={(e) => setName(e.target.value)} />
          </label>
          <button type="submit" className="primary" disabled={create.isPending}>
            {t('admin.create')}
          </button>
        </div>
        <MutationStatus error={create.error} saved={false} />
      </form>
    </section>
  );
}
