/**
 * The profile's password part: with a password, change it (the current one required; other devices
 * are logged out); an account that only ever used login links gets a link to set one.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert';
import { portalAuth } from '../portal-api';
import { useChangePassword, type CustomerProfile } from '../profile-api';

export function PasswordSection({ profile }: { profile: CustomerProfile }) {
  const { t } = useTranslation();
  return (
    <section className="stack" aria-labelledby="profile-password">
      <h2 id="profile-password">{t('portal.changePassword')}</h2>
      {profile.has_password ? <ChangePasswordForm /> : <SetPasswordLink email={profile.email} />}
    </section>
  );
}

function ChangePasswordForm() {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const change = useChangePassword();

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    change.mutate(
      { current_password: current, new_password: next },
      {
        onSuccess: () => {
          setCurrent('');
          setNext('');
        },
      },
    );
  };

  return (
    <form className="stack" onSubmit={onSubmit}>
      <div className="field">
        <label htmlFor="profile-current-password">{t('portal.currentPassword')}</label>
        <input
          id="profile-current-password"
          type="password"
          required
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="profile-new-password">{t('portal.newPassword')}</label>
        <input
          id="profile-new-password"
          type="password"
          required
          minLength={8}
          autoComplete="new-password"
          aria-describedby="profile-new-password-hint"
          value={next}
          onChange={(e) => setNext(e.target.value)}
        />
        <small id="profile-new-password-hint" className="muted">
          {t('portal.passwordHint')} {t('portal.otherDevicesHint')}
        </small>
      </div>
      {change.error ? <ProblemAlert error={change.error} /> : null}
      {change.data ? (
        <p className="notice" role="status">
          {t('portal.passwordChanged', { count: change.data.ended_sessions })}
        </p>
      ) : null}
      <button className="primary" type="submit" disabled={change.isPending}>
        {change.isPending ? t('portal.saving') : t('portal.savePassword')}
      </button>
    </form>
  );
}

function SetPasswordLink({ email }: { email: string }) {
  const { t } = useTranslation();
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const onSend = async () => {
    setError(null);
    try {
      await portalAuth.forgotCustomer(email);
      setSent(true);
    } catch (err) {
      setError(err);
    }
  };

  return (
    <>
      <p className="muted">{t('portal.changePasswordHint')}</p>
      {sent ? (
        <p className="notice" role="status">
          {t('portal.forgotSent')}
        </p>
      ) : (
        <button type="button" className="secondary" onClick={() => void onSend()}>
          {t('portal.sendResetLink')}
        </button>
      )}
      {error !== null && <ProblemAlert error={error} />}
    </>
  );
}
