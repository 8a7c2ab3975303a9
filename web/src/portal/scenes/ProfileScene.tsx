/** /portal/profile: the customer's email, their display name and language, and their password. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert';
import { LANGUAGES } from '../../i18n';
import { useSession } from '../../session';
import { useCustomerProfile, useUpdateProfile, type CustomerProfile } from '../profile-api';
import { PasswordSection } from './PasswordSection';

export default function ProfileScene() {
  const { t } = useTranslation();
  const { state } = useSession();
  const customerId =
    state.status === 'signed-in' && state.me.kind === 'customer' ? state.me.customer.id : undefined;
  const profile = useCustomerProfile(customerId);

  return (
    <section className="card portal-card" aria-labelledby="profile-title">
      <h1 id="profile-title">{t('portal.profileTitle')}</h1>
      {profile.error ? <ProblemAlert error={profile.error} /> : null}
      {profile.data ? (
        <>
          <dl className="portal-facts">
            <dt>{t('portal.email')}</dt>
            <dd>{profile.data.email}</dd>
          </dl>
          <p className="muted">{t('portal.emailHint')}</p>
          <DetailsForm customerId={customerId} profile={profile.data} />
          <PasswordSection profile={profile.data} />
        </>
      ) : (
        !profile.error && <p role="status">{t('portal.loadingProfile')}</p>
      )}
    </section>
  );
}

function DetailsForm({ customerId, profile }: { customerId: number | undefined; profile: CustomerProfile }) {
  const { t, i18n } = useTranslation();
  const [name, setName] = useState(profile.name);
  const [language, setLanguageChoice] = useState(profile.language || i18n.language);
  const update = useUpdateProfile(customerId);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // The portal frame switches to the saved language as soon as the profile answer arrives.
    update.mutate({ name: name.trim(), language: language === 'de' ? 'de' : 'en' });
  };

  return (
    <form className="stack" aria-labelledby="profile-details" onSubmit={onSubmit}>
      <h2 id="profile-details">{t('portal.profileDetails')}</h2>
      <div className="field">
        <label htmlFor="profile-name">{t('portal.displayName')}</label>
        <input
          id="profile-name"
          required
          maxLength={150}
          autoComplete="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="profile-language">{t('portal.language')}</label>
        <select id="profile-language" value={language} onChange={(e) => setLanguageChoice(e.target.value)}>
          {LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {l === 'de' ? 'Deutsch' : 'English'}
            </option>
          ))}
        </select>
      </div>
      {update.error ? <ProblemAlert error={update.error} /> : null}
      {update.isSuccess ? (
        <p className="notice" role="status">
          {t('portal.profileSaved')}
        </p>
      ) : null}
      <button className="primary" type="submit" disabled={update.isPending}>
        {update.isPending ? t('portal.saving') : t('portal.saveProfile')}
      </button>
    </form>
  );
}
