/**
 * One SLA: targets, the business calendar (hours, days, zone) and the holiday editor, with the live
 * due-date preview beside it and the what-if simulation below.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { Splash } from '../../guards';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useAdminMutation, useSla } from '../api';
import { MutationStatus } from '../MutationStatus';
import { DuePreview } from './DuePreview';
import { HolidayEditor } from './HolidayEditor';
import { formOf, patchOf, type SlaForm } from './sla-form';
import { SimulationPanel } from './SimulationPanel';

const DAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** Keyed by the URL: another article / SLA (or "new") starts from a fresh form, not the last one's. */
export default function SlaEditorScene() {
  const location = useLocation();
  return <SlaEditor key={location.pathname + location.search} />;
}

function SlaEditor() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const sla = useSla(id);
  const [form, setForm] = useState<SlaForm | null>(null);
  const save = useAdminMutation((f: SlaForm) =>
    unwrap(api.http.PATCH('/api/support/admin/slas/{id}/', { params: { path: { id } }, body: patchOf(f) })),
  );
  useEffect(() => {
    if (sla.data && !form) setForm(formOf(sla.data));
  }, [sla.data, form]);
  if (sla.error) return <ProblemAlert error={sla.error} />;
  if (!form) return <Splash />;
  const set = <K extends keyof SlaForm>(k: K, v: SlaForm[K]) => setForm({ ...form, [k]: v });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(form);
  };
  const toggleDay = (d: number) =>
    set(
      'business_days',
      form.business_days.includes(d) ? form.business_days.filter((x) => x !== d) : [...form.business_days, d],
    );

  return (
    <section className="admin-page" aria-labelledby="sla-title">
      <p>
        <Link to="/admin/slas">{t('admin.slas.back')}</Link>
      </p>
      <h1 id="sla-title">{t('admin.slas.editTitle', { name: sla.data?.name })}</h1>
      <form className="admin-section" onSubmit={onSubmit} aria-label={t('admin.slas.settings')}>
        <div className="form-grid">
          <label className="field">
            {t('admin.name')}
            <input required value={form.name} onChange={(e) => set('name', e.target.value)} />
          </label>
          <label className="field">
            {t('admin.slas.responseHours')}
            <input
              type="number"
              min={1}
              required
              value={form.first_response_hours}
              onChange={(e) => set('first_response_hours', Number(e.target.value))}
            />
          </label>
          <label className="field">
            {t('admin.slas.resolutionHours')}
            <input
              type="number"
              min={1}
              required
              value={form.resolution_hours}
              onChange={(e) => set('resolution_hours', Number(e.target.value))}
            />
          </label>
          <label className="field">
            {t('admin.workspace.timezone')}
            <input value={form.timezone} onChange={(e) => set('timezone', e.target.value)} />
          </label>
        </div>
        <h2>{t('admin.slas.businessHours')}</h2>
        <label className="check-field">
          <input
            type="checkbox"
            checked={form.uses_business_hours}
            onChange={(e) => set('uses_business_hours', e.target.checked)}
          />
          {t('admin.slas.usesBusinessHours')}
        </label>
        {form.uses_business_hours && (
          <>
            <div className="row">
              <label className="field">
                {t('admin.slas.opens')}
                <input
                  type="time"
                  value={form.business_hours_start}
                  onChange={(e) => set('business_hours_start', e.target.value)}
                />
              </label>
              <label className="field">
                {t('admin.slas.closes')}
                <input
                  type="time"
                  value={form.business_hours_end}
                  onChange={(e) => set('business_hours_end', e.target.value)}
                />
              </label>
            </div>
            <fieldset className="row">
              <legend>{t('admin.slas.days')}</legend>
              {DAYS.map((d) => (
                <label key={d} className="check-field">
                  <input
                    type="checkbox"
                    checked={form.business_days.includes(d)}
                    onChange={() => toggleDay(d)}
                  />
                  {t(`admin.weekdays.${d}`)}
                </label>
              ))}
            </fieldset>
          </>
        )}
        <HolidayEditor holidays={form.holidays} onChange={(holidays) => set('holidays', holidays)} />
        <div className="row">
          <label className="check-field">
            <input
              type="checkbox"
              checked={form.is_active}
              onChange={(e) => set('is_active', e.target.checked)}
            />
            {t('admin.active')}
          </label>
          <label className="check-field">
            <input
              type="checkbox"
              checked={form.is_default}
              onChange={(e) => set('is_default', e.target.checked)}
            />
            {t('admin.slas.isDefault')}
          </label>
        </div>
        <div className="row">
          <button type="submit" className="primary" disabled={save.isPending}>
            {t('admin.save')}
          </button>
        </div>
        <MutationStatus error={save.error} saved={save.isSuccess} />
      </form>
      <DuePreview slaId={id} form={form} />
      <SimulationPanel slaId={id} />
    </section>
  );
}
