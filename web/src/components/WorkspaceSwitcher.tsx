/** Lets a staff member in several workspaces pick the one every later call is made in. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffMe } from '../api/client';
import { useSession } from '../session';
import { problemMessage } from './ProblemAlert';

export function WorkspaceSwitcher({ me }: { me: StaffMe }) {
  const { t } = useTranslation();
  const { switchWorkspace } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onChange = async (slug: string) => {
    setBusy(true);
    setError(null);
    try {
      await switchWorkspace(slug);
    } catch (err) {
      setError(problemMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="switcher">
      <label htmlFor="workspace-switcher" className="visually-hidden">
        {t('portal.workspace')}
      </label>
      <select
        id="workspace-switcher"
        value={me.workspace.slug}
        disabled={busy}
        onChange={(event) => void onChange(event.target.value)}
      >
        {me.workspaces.map((ws) => (
          <option key={ws.slug} value={ws.slug}>
            {ws.name} ({ws.role})
          </option>
        ))}
      </select>
      {error && (
        <span className="switcher-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
