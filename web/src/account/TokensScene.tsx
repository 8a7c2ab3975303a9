/**
 * /desk/settings/tokens: a staff member's personal API tokens in this workspace — create one (shown
 * once), see when each was last used, revoke.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Answer } from '../api/client';
import { ProblemAlert } from '../components/ProblemAlert';
import './tokens.css';

type Issued = Answer<'/api/auth/tokens', 'post'>;
const KEY = ['me', 'tokens'];

export default function TokensScene() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const when = (value: string | null | undefined) => (value ? date.format(new Date(value)) : '—');
  const tokens = useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) =>
      unwrap(api.http.GET('/api/auth/tokens', { params: { query: { limit: 100 } }, signal })),
  });
  const [name, setName] = useState('');
  const [days, setDays] = useState('');
  const [issued, setIssued] = useState<Issued | null>(null);
  const [copied, setCopied] = useState(false);
  const create = useMutation({
    mutationFn: (body: { name: string; expires_in_days?: number }) =>
      unwrap(api.http.POST('/api/auth/tokens', { body })),
    onSuccess: (token) => {
      setIssued(token);
      setName('');
      setDays('');
      void client.invalidateQueries({ queryKey: KEY });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: number) =>
      unwrap(api.http.DELETE('/api/auth/tokens/{id}', { params: { path: { id } } })),
    onSettled: () => client.invalidateQueries({ queryKey: KEY }),
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setCopied(false);
    create.mutate({ name: name.trim(), ...(days ? { expires_in_days: Number(days) } : {}) });
  };

  return (
    <section className="tokens-page" aria-labelledby="tokens-title">
      <h1 id="tokens-title">{t('staff.tokensTitle')}</h1>
      <p className="muted">{t('staff.tokensHint')}</p>
      <form className="stack tokens-form" onSubmit={onSubmit}>
        <div className="field">
          <label htmlFor="token-name">{t('staff.tokenName')}</label>
          <input
            id="token-name"
            required
            maxLength={100}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="token-days">{t('staff.expiresIn')}</label>
          <input
            id="token-days"
            type="number"
            min={1}
            inputMode="numeric"
            value={days}
            onChange={(e) => setDays(e.target.value)}
          />
        </div>
        {create.isError && <ProblemAlert error={create.error} />}
        <button type="submit" className="primary" disabled={create.isPending}>
          {t('staff.createToken')}
        </button>
      </form>
      {issued?.token && (
        <div className="notice" role="status">
          <p>{t('staff.newToken')}</p>
          <code data-testid="new-token" className="token-value">
            {issued.token}
          </code>
          <button
            type="button"
            className="secondary"
            onClick={() => void navigator.clipboard.writeText(issued.token ?? '').then(() => setCopied(true))}
          >
            {copied ? t('staff.copied') : t('staff.copy')}
          </button>
        </div>
      )}
      {tokens.isError && <ProblemAlert error={tokens.error} />}
      {tokens.data && tokens.data.results.length === 0 && <p className="muted">{t('staff.noTokens')}</p>}
      {tokens.data && tokens.data.results.length > 0 && (
        <div className="table-scroll">
          <table className="tokens-table">
            <thead>
              <tr>
                <th scope="col">{t('staff.tokenName')}</th>
                <th scope="col">{t('staff.prefix')}</th>
                <th scope="col">{t('staff.created')}</th>
                <th scope="col">{t('staff.lastUsed')}</th>
                <th scope="col">{t('staff.expires')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('staff.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.data.results.map((token) => (
                <tr key={token.id}>
                  <td>{token.name}</td>
                  <td>
                    <code>{token.token_prefix}</code>
                  </td>
                  <td>{when(token.created_at)}</td>
                  <td>{when(token.last_used_at)}</td>
                  <td>{when(token.expires_at)}</td>
                  <td>
                    {token.revoked_at ? (
                      t('staff.revoked')
                    ) : (
                      <button type="button" className="secondary" onClick={() => revoke.mutate(token.id)}>
                        {t('staff.revoke', { name: token.name })}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
