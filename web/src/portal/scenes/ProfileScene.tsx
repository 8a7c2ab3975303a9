/** /portal/profile: who the customer is, their language, and a link to change the password. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert';
import { LANGUAGES, setLanguage, type Language } from '../../i18n';
import { useSession } from '../../session';
import { portalAuth } from '../portal-api';

export default function ProfileScene() {
  const { t, i18n } = useTranslation();
  const { state } = useSession();
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (state.status !== 'signed-in' || state.me.kind !== 'customer') return null;
  const { customer } = state.me;

  const onChangePassword = async () => {
    setError(null);
    try {
      await portalAuth.forgotCustomer(customer.email);
      setSent(true);
    } catch (err) {
      setError(err);
    }
  };

  return (
    <section className="card portal-card" aria-labelledby="profile-title">
      <h1 id="profile-title">{t('portal.profileTitle')}</h1>
      <dl className="portal-facts">
        <dt>{t('portal.name')}</dt>
        <dd>{customer.name || '—'}</dd>
        <dt>{t('portal.email')}</dt>
        <dd>{customer.email}</dd>
      </dl>
      <div className="field">
        <label htmlFor="profile-language">{t('portal.language')}</label>
        <select
          id="profile-language"
          value={i18n.language}
          onChange={(e) => void setLanguage(e.target.value as Language)}
        >
          {LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {l === 'de' ? 'Deutsch' : 'English'}
            </option>
          ))}
        </select>
      </div>
      <h2>{t('portal.changePassword')}</h2>
      <p className="muted">{t('portal.changePasswordHint')}</p>
      {sent ? (
        <p className="notice" role="status">
          {t('portal.forgotSent')}
        </p>
      ) : (
        <button type="button" className="secondary" onClick={() => void onChangePassword()}>
          {t('portal.sendResetLink')}
        </button>
      )}
      {error !== null && <ProblemAlert error={error} />}
    </section>
  );
}
