/**
 * /admin/staff: the workspace's staff accounts — invite by email, change a role, deactivate (sessions
 * and tokens end at once, tickets stay), reactivate, send a password link. What may be done with each
 * member comes with them (`can`).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Answer } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';
import './staff.css';

type Member = Answer<'/api/support/admin/staff/', 'get'>['results'][number];
type Role = Member['role'];
const KEY = ['admin', 'staff'];

function useStaff() {
  return useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => unwrap(api.http.GET('/api/support/admin/staff/', { signal })),
  });
}

function useStaffActions() {
  const client = useQueryClient();
  const onSuccess = () => client.invalidateQueries({ queryKey: KEY });
  const path = (id: number) => ({ params: { path: { id } } });
  return {
    invite: useMutation({
      mutationFn: (body: { email: string; name?: string; role: Role }) =>
        unwrap(api.http.POST('/api/support/admin/staff/', { body })),
      onSuccess,
    }),
    role: useMutation({
      mutationFn: ({ id, role }: { id: number; role: Role }) =>
        unwrap(api.http.PATCH('/api/support/admin/staff/{id}', { ...path(id), body: { role } })),
      onSuccess,
    }),
    deactivate: useMutation({
      mutationFn: (id: number) => unwrap(api.http.POST('/api/support/admin/staff/{id}/deactivate', path(id))),
      onSuccess,
    }),
    reactivate: useMutation({
      mutationFn: (id: number) => unwrap(api.http.POST('/api/support/admin/staff/{id}/reactivate', path(id))),
      onSuccess,
    }),
    link: useMutation({
      mutationFn: (id: number) =>
        unwrap(api.http.POST('/api/support/admin/staff/{id}/password-link', path(id))),
    }),
  };
}

function InviteForm() {
  const { t } = useTranslation();
  const { invite } = useStaffActions();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('agent');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    invite.mutate(
      { email: email.trim(), role, ...(name.trim() ? { name: name.trim() } : {}) },
      {
        onSuccess: (member) => {
          setSentTo(member.email);
          setEmail('');
          setName('');
        },
      },
    );
  };
  return (
    <form className="stack staff-invite" onSubmit={onSubmit} aria-labelledby="invite-title">
      <h2 id="invite-title">{t('staff.inviteTitle')}</h2>
      <p className="muted">{t('staff.inviteHint')}</p>
      <div className="field">
        <label htmlFor="invite-email">{t('staff.email')}</label>
        <input
          id="invite-email"
          type="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="invite-name">{t('staff.name')}</label>
        <input id="invite-name" value={name} onChange={(e) => setName(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="invite-role">{t('staff.role')}</label>
        <select id="invite-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
          <option value="agent">{t('staff.roles.agent')}</option>
          <option value="admin">{t('staff.roles.admin')}</option>
        </select>
      </div>
      {invite.isError && <ProblemAlert error={invite.error} />}
      {sentTo && (
        <p className="notice" role="status">
          {t('staff.invited', { email: sentTo })}
        </p>
      )}
      <button type="submit" className="primary" disabled={invite.isPending}>
        {invite.isPending ? t('staff.inviting') : t('staff.invite')}
      </button>
    </form>
  );
}

function MemberRow({ member }: { member: Member }) {
  const { t, i18n } = useTranslation();
  const actions = useStaffActions();
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });
  const label = member.name || member.email;
  const error = [actions.role, actions.deactivate, actions.reactivate, actions.link].find(
    (m) => m.isError,
  )?.error;
  return (
    <tr>
      <td>
        <span className="staff-name">{member.name}</span>
        <span className="muted staff-email">{member.email}</span>
      </td>
      <td>
        {member.can.change_role ? (
          <select
            aria-label={t('staff.changeRole', { name: label })}
            value={member.role}
            onChange={(e) => actions.role.mutate({ id: member.id, role: e.target.value as Role })}
          >
            <option value="agent">{t('staff.roles.agent')}</option>
            <option value="admin">{t('staff.roles.admin')}</option>
          </select>
        ) : (
          t(`staff.roles.${member.role}`)
        )}
      </td>
      <td data-testid={`staff-status-${member.id}`}>{t(`staff.statuses.${member.status}`)}</td>
      <td>{member.last_login_at ? date.format(new Date(member.last_login_at)) : t('staff.never')}</td>
      <td className="staff-actions">
        {member.can.deactivate && (
          <button
            type="button"
            className="secondary"
            onClick={() => {
              if (window.confirm(t('staff.deactivateConfirm', { name: label })))
                actions.deactivate.mutate(member.id);
            }}
          >
            {t('staff.deactivate')}
          </button>
        )}
        {member.can.reactivate && (
          <button type="button" className="secondary" onClick={() => actions.reactivate.mutate(member.id)}>
            {t('staff.reactivate')}
          </button>
        )}
        {member.can.send_password_link && (
          <button type="button" className="secondary" onClick={() => actions.link.mutate(member.id)}>
            {t('staff.sendLink')}
          </button>
        )}
        {actions.link.isSuccess && (
          <span role="status" className="muted">
            {t('staff.linkSent', { email: member.email })}
          </span>
        )}
        {error && <ProblemAlert error={error} />}
      </td>
    </tr>
  );
}

export default function StaffScene() {
  const { t } = useTranslation();
  const staff = useStaff();
  return (
    <main className="staff-admin" id="main">
      <h1>{t('staff.title')}</h1>
      <InviteForm />
      <section aria-labelledby="members-title" className="staff-members">
        <h2 id="members-title">{t('staff.members')}</h2>
        {staff.isError && <ProblemAlert error={staff.error} />}
        {staff.isPending && <p className="muted">{t('app.loading')}</p>}
        {staff.data && (
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('staff.name')}</th>
                  <th scope="col">{t('staff.role')}</th>
                  <th scope="col">{t('staff.status')}</th>
                  <th scope="col">{t('staff.lastLogin')}</th>
                  <th scope="col">{t('staff.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {staff.data.results.map((member) => (
                  <MemberRow key={member.id} member={member} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </main>
  );
}
