/**
 * Teams: lead, routing mode and capacity per agent, and the members with their own caps and open
 * tickets. New members are picked from the workspace's staff who are not deactivated (the staff
 * screen's list), so someone just invited can join a team at once.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { Splash } from '../../guards';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useAdminMutation, useStaffList, useTeams, type AdminTeam } from '../api';
import { MutationStatus } from '../MutationStatus';

const MODES = ['manual', 'round_robin', 'least_open'] as const;
type Mode = (typeof MODES)[number];

function TeamForm({ team, people }: { team: AdminTeam | null; people: Map<number, string> }) {
  const { t } = useTranslation();
  const [name, setName] = useState(team?.name ?? '');
  const [mode, setMode] = useState<Mode>(team?.assignment_mode ?? 'manual');
  const [cap, setCap] = useState(team?.max_open_per_agent ? String(team.max_open_per_agent) : '');
  const [lead, setLead] = useState(team?.team_lead?.id ? String(team.team_lead.id) : '');
  const [adding, setAdding] = useState('');
  const members = team?.members ?? [];
  const teamId = team?.id ?? 0;
  const body = () => ({
    name,
    assignment_mode: mode,
    max_open_per_agent: cap ? Number(cap) : null,
    team_lead: lead ? Number(lead) : null,
  });
  const save = useAdminMutation(() =>
    team
      ? unwrap(
          api.http.PATCH('/api/support/admin/teams/{id}/', {
            params: { path: { id: teamId } },
            body: body(),
          }),
        )
      : unwrap(api.http.POST('/api/support/admin/teams/', { body: body() })),
  );
  const setMembers = useAdminMutation((ids: number[]) =>
    unwrap(
      api.http.PUT('/api/support/admin/teams/{id}/members/', {
        params: { path: { id: teamId } },
        body: { members: ids },
      }),
    ),
  );
  const setMemberCap = useAdminMutation((input: { userId: number; cap: number | null }) =>
    unwrap(
      api.http.PATCH('/api/support/admin/teams/{id}/members/{userId}/', {
        params: { path: { id: teamId, userId: input.userId } },
        body: { max_open_tickets: input.cap },
      }),
    ),
  );
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(undefined, { onSuccess: () => !team && setName('') });
  };
  const memberIds = members.map((m) => m.id ?? 0);
  const title = team?.name ?? t('admin.teams.add');
  return (
    <div className="admin-section">
      <h2>{title}</h2>
      <form onSubmit={onSubmit} className="form-grid" aria-label={title}>
        <label className="field">
          {t('admin.name')}
          <input required value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="field">
          {t('admin.teams.mode')}
          <select value={mode} onChange={(e) => setMode(e.target.value as Mode)}>
            {MODES.map((m) => (
              <option key={m} value={m}>
                {t(`admin.teams.modes.${m}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          {t('admin.teams.capacity')}
          <input type="number" min={1} value={cap} onChange={(e) => setCap(e.target.value)} />
        </label>
        {team && (
          <label className="field">
            {t('admin.teams.lead')}
            <select value={lead} onChange={(e) => setLead(e.target.value)}>
              <option value="">{t('admin.none')}</option>
              {members.map((m) => (
                <option key={m.id} value={String(m.id)}>
                  {m.name || m.email}
                </option>
              ))}
            </select>
          </label>
        )}
        <div className="row">
          <button type="submit" className={team ? 'secondary' : 'primary'} disabled={save.isPending}>
            {team ? t('admin.save') : t('admin.create')}
          </button>
        </div>
      </form>
      <MutationStatus error={save.error ?? setMembers.error ?? setMemberCap.error} saved={save.isSuccess} />
      {team && (
        <>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t('admin.teams.members', { name: team.name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('admin.teams.member')}</th>
                  <th scope="col">{t('admin.teams.availability')}</th>
                  <th scope="col">{t('admin.teams.open')}</th>
                  <th scope="col">{t('admin.teams.ownCap')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('admin.remove')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {members.map((m) => (
                  <tr key={m.id}>
                    <td>{m.name || m.email}</td>
                    <td>{m.availability ? t(`availability.${m.availability}`) : ''}</td>
                    <td>{m.open_tickets ?? 0}</td>
                    <td>
                      <input
                        type="number"
                        min={0}
                        aria-label={t('admin.teams.ownCapOf', { name: m.name || m.email })}
                        defaultValue={m.max_open_tickets ?? ''}
                        onBlur={(e) =>
                          setMemberCap.mutate({
                            userId: m.id ?? 0,
                            cap: e.target.value === '' ? null : Number(e.target.value),
                          })
                        }
                      />
                    </td>
                    <td>
                      <button
                        type="button"
                        className="secondary small"
                        onClick={() => setMembers.mutate(memberIds.filter((id) => id !== m.id))}
                      >
                        {t('admin.remove')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="row">
            <label className="field">
              {t('admin.teams.addMember')}
              <select value={adding} onChange={(e) => setAdding(e.target.value)}>
                <option value="">–</option>
                {[...people]
                  .filter(([id]) => !memberIds.includes(id))
                  .map(([id, who]) => (
                    <option key={id} value={String(id)}>
                      {who}
                    </option>
                  ))}
              </select>
            </label>
            <button
              type="button"
              className="secondary"
              disabled={!adding}
              onClick={() =>
                setMembers.mutate([...memberIds, Number(adding)], { onSuccess: () => setAdding('') })
              }
            >
              {t('admin.add')}
            </button>
          </div>
        </>
      )}
    </div>
  );
}

export default function TeamsScene() {
  const { t } = useTranslation();
  const teams = useTeams();
  const staff = useStaffList();
  const error = teams.error ?? staff.error;
  if (error) return <ProblemAlert error={error} />;
  if (!teams.data || !staff.data) return <Splash />;
  const people = new Map<number, string>();
  for (const member of staff.data.results) {
    if (member.status !== 'deactivated') people.set(member.id, member.name || member.email);
  }
  return (
    <section className="admin-page" aria-labelledby="teams-title">
      <h1 id="teams-title">{t('admin.teams.title')}</h1>
      {(teams.data.results ?? []).map((team) => (
        <TeamForm key={team.id} team={team} people={people} />
      ))}
      <TeamForm team={null} people={people} />
    </section>
  );
}
