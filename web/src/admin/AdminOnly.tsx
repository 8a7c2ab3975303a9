/** Shows its children to admins only; an agent sees a "not allowed" notice (the API refuses them too). */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { routes } from '../routes';
import { useSession } from '../session';

export function useIsAdmin(): boolean {
  const { state } = useSession();
  return state.status === 'signed-in' && state.me.kind === 'staff' && state.me.role === 'admin';
}

export function AdminOnly({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  if (useIsAdmin()) return <>{children}</>;
  return (
    <section className="admin-page" aria-labelledby="forbidden-title">
      <h1 id="forbidden-title">{t('admin.forbidden.title')}</h1>
      <p>{t('admin.forbidden.text')}</p>
      <p>
        <Link to={routes.adminKb}>{t('admin.nav.kb')}</Link> ·{' '}
        <Link to={routes.desk}>{t('admin.nav.desk')}</Link>
      </p>
    </section>
  );
}
