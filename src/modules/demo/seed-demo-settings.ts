/** Inserts the demo workspace's configuration (see demo-settings-data.ts) and returns the new ids. */
import type { Tx } from '../../db/tenant.js';
import type { DemoPeople, DemoRefs } from './demo-refs.js';
import {
  DEMO_CATEGORIES,
  DEMO_PRIORITIES,
  DEMO_SLAS,
  DEMO_TAGS,
  DEMO_TEAMS,
  type CategorySlug,
  type PriorityCode,
  type SlaKey,
  type TagSlug,
  type TeamKey,
} from './demo-settings-data.js';

export async function seedDemoSettings(tx: Tx, people: DemoPeople): Promise<DemoRefs> {
  const workspace_id = people.workspaceId;
  const staffId = (key: keyof DemoPeople['staff']) => people.staff[key].id;

  const priorities = {} as Record<PriorityCode, number>;
  for (const p of DEMO_PRIORITIES) {
    const row = await tx
      .updateTable('ticket_priorities')
      .set({
        description: p.description,
        response_hours: p.response_hours,
        resolution_hours: p.resolution_hours,
      })
      .where('workspace_id', '=', workspace_id)
      .where('code', '=', p.code)
      .returning('id')
      .executeTakeFirstOrThrow();
    priorities[p.code] = row.id;
  }

  const teams = {} as Record<TeamKey, { id: number; name: string }>;
  for (const t of DEMO_TEAMS) {
    const row = await tx
      .insertInto('support_teams')
      .values({
        workspace_id,
        name: t.name,
        description: t.description,
        email: t.email,
        team_lead_id: staffId(t.lead),
      })
      .returning(['id', 'name'])
      .executeTakeFirstOrThrow();
    teams[t.key] = row;
    await tx
      .insertInto('support_team_members')
      .values(t.members.map((m) => ({ workspace_id, team_id: row.id, user_id: staffId(m) })))
      .execute();
  }

  const slas = {} as Record<SlaKey, number>;
  for (const { key, holidays, business_days, ...sla } of DEMO_SLAS) {
    const row = await tx
      .insertInto('slas')
      .values({
        ...sla,
        workspace_id,
        business_days: JSON.stringify(business_days),
        timezone: 'Europe/Berlin',
        uses_business_hours: true,
        escalate_on_breach: true,
        escalation_team_id: teams.escalations.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    slas[key] = row.id;
    await tx
      .insertInto('sla_holidays')
      .values(holidays.map((h) => ({ ...h, workspace_id, sla_id: row.id })))
      .execute();
  }

  // Parents come before their children in DEMO_CATEGORIES, so one pass resolves parent ids.
  const categories = {} as Record<CategorySlug, number>;
  for (const [order, c] of DEMO_CATEGORIES.entries()) {
    const row = await tx
      .insertInto('ticket_categories')
      .values({
        workspace_id,
        name: c.name,
        slug: c.slug,
        description: c.description,
        icon: c.icon,
        order,
        default_priority: c.default_priority,
        parent_id: c.parent ? categories[c.parent] : null,
        default_assignee_id: c.default_assignee ? staffId(c.default_assignee) : null,
        sla_id: c.sla ? slas[c.sla] : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    categories[c.slug] = row.id;
  }

  const tagRows = await tx
    .insertInto('ticket_tags')
    .values(DEMO_TAGS.map((t) => ({ ...t, workspace_id })))
    .returning(['id', 'slug'])
    .execute();
  const tags = Object.fromEntries(tagRows.map((t) => [t.slug, t.id])) as Record<TagSlug, number>;

  // The demo mailbox: the SMTP listener of `npm start` takes mail for it (README "Email").
  await tx
    .insertInto('mailboxes')
    .values({ workspace_id, address: 'support@demo.test', display_name: 'Demo Support' })
    .onConflict((oc) => oc.column('address').doNothing())
    .execute();

  return { ...people, priorities, slas, teams, categories, tags };
}
