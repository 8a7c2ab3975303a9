/** Workspace settings: name, time zone, language, ticket prefix and branding (accent colour, logo). */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { Splash } from '../../guards';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useAdminMutation, useWorkspaceSettings, type WorkspacePatch, type WorkspaceSettings } from '../api';
import { MutationStatus } from '../MutationStatus';

const ZONES: readonly string[] =
  typeof Intl.supportedValuesOf === 'function'
    ? Intl.supportedValuesOf('timeZone')
    : ['UTC', 'Europe/Berlin'];

function formOf(ws: WorkspaceSettings) {
  return {
    name: ws.name ?? '',
    timezone: ws.timezone ?? 'UTC',
    default_language: ws.default_language ?? 'en',
    ticket_prefix: ws.ticket_prefix ?? '',
    accent_color: ws.accent_color ?? '',
    logo_url: ws.logo_url ?? '',
  };
}

export default function WorkspaceScene() {
  const { t } = useTranslation();
  const settings = useWorkspaceSettings();
  const [form, setForm] = useState<ReturnType<typeof formOf> | null>(null);
  const save = useAdminMutation((body: WorkspacePatch) =>
    unwrap(api.http.PATCH('/api/support/admin/workspace/', { body })),
  );
  useEffect(() => {
    if (settings.data && !form) setForm(formOf(settings.data));
  }, [settings.data, form]);

  if (settings.error) return <ProblemAlert error={settings.error} />;
  if (!form) return <Splash />;
  const set = (field: keyof typeof form) => (value: string) => setForm({ ...form, [field]: value });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(form);
  };

  return (
    <section className="admin-page" aria-labelledby="ws-title">
      <h1 id="ws-title">{t('admin.workspace.title')}</h1>
      <form className="admin-section" onSubmit={onSubmit}>
        <div className="form-grid">
          <label className="field">
            {t('admin.workspace.name')}
            <input required value={form.name} onChange={(e) => set('name')(e.target.value)} />
          </label>
          <label className="field">
            {t('admin.workspace.timezone')}
            <select value={form.timezone} onChange={(e) => set('timezone')(e.target.value)}>
              {(ZONES.includes(form.timezone) ? ZONES : [form.timezone, ...ZONES]).map((z) => (
                <option key={z}>{z}</option>
              ))}
            </select>
          </label>
          <label className="field">
            {t('admin.workspace.language')}
            <select value={form.default_language} onChange={(e) => set('default_language')(e.target.value)}>
              <option value="en">English</option>
              <option value="de">Deutsch</option>
              {!['en', 'de'].includes(form.default_language) && <option>{form.default_language}</option>}
            </select>
          </label>
          <label className="field">
            {t('admin.workspace.prefix')}
            <input
              value={form.ticket_prefix}
              pattern="[A-Z][A-Z0-9]{0,9}"
              aria-describedby="prefix-hint"
              onChange={(e) => set('ticket_prefix')(e.target.value.toUpperCase())}
            />
            <span id="prefix-hint" className="muted small">
              {t('admin.workspace.prefixHint')}
            </span>
          </label>
        </div>
        <h2>{t('admin.workspace.branding')}</h2>
        <div className="form-grid">
          <div className="field">
            <label htmlFor="accent">{t('admin.workspace.accent')}</label>
            <div className="row">
              <input
                type="color"
                aria-label={t('admin.workspace.accentPicker')}
                value={form.accent_color || '#2f5bea'}
                onChange={(e) => set('accent_color')(e.target.value)}
              />
              <input
                id="accent"
                value={form.accent_color}
                placeholder="#2f5bea"
                aria-describedby="accent-hint"
                onChange={(e) => set('accent_color')(e.target.value)}
              />
            </div>
            <span id="accent-hint" className="muted small">
              {t('admin.workspace.accentHint')}
            </span>
          </div>
          <label className="field">
            {t('admin.workspace.logo')}
            <input
              type="text"
              inputMode="url"
              value={form.logo_url}
              placeholder="https://"
              aria-describedby="logo-hint"
              onChange={(e) => set('logo_url')(e.target.value)}
            />
            <span id="logo-hint" className="muted small">
              {t('admin.workspace.logoHint')}
            </span>
          </label>
        </div>
        {(form.logo_url || form.accent_color) && (
          <div className="row" aria-label={t('admin.workspace.brandPreview')}>
            {form.logo_url && <img src={form.logo_url} alt="" height={32} />}
            <span
              className="status-chip"
              style={{ background: form.accent_color || undefined, color: '#fff' }}
            >
              {form.name}
            </span>
          </div>
        )}
        <div className="row">
          <button type="submit" className="primary" disabled={save.isPending}>
            {t('admin.save')}
          </button>
        </div>
        <MutationStatus error={save.error} saved={save.isSuccess} />
      </form>
    </section>
  );
}
