/** The bar above every logged-in scene: who, in which workspace and role, and Logout. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeResponse } from '../api/client';
import { useSession } from '../session';
import { problemMessage } from './ProblemAlert';
import { WorkspaceSwitcher } from './WorkspaceSwitcher';

export function AppHeader({ me }: { me: MeResponse }) {
  const { t } = useTranslation();
  const { logout } = useSession();
  const [error, setError] = useState<string | null>(null);
  const person = me.kind === 'staff' ? me.user : me.customer;
  const role = me.kind === 'staff' ? me.role : 'customer';

  const onLogout = async () => {
    setError(null);
    try {
      await logout();
    } catch (err) {
      setError(problemMessage(err));
    }
  };

  return (
    <header className="app-header">
      <span className="brand">{t('app.name')}</span>
      <div className="workspace">
        {me.kind === 'staff' && me.workspaces.length > 1 ? (
          <WorkspaceSwitcher me={me} />
        ) : (
          <span className="workspace-name" title={me.workspace.slug}>
            {me.workspace.name}
          </span>
        )}
      </div>
      <div className="identity" aria-label={t('header.signedInAs')}>
        <span className="identity-name">{person.name || person.email}</span>
        <span className="identity-email">{person.email}</span>
      </div>
      <span className={`role role-${role}`} data-testid="role">
        {role}
      </span>
      <button type="button" className="secondary" onClick={() => void onLogout()}>
        {t('header.logout')}
      </button>
      {error && (
        <p className="header-error" role="alert">
          {error}
        </p>
      )}
    </header>
  );
}
