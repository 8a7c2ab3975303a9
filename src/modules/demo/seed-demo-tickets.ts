/** Inserts the planned demo tickets with their messages, assignment log and tags. */
import type { NewSupportTicketMessage, NewTicketAssignment } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';
import { refreshTicketDues } from '../sla/index.js';
import { DEMO_ANCHOR } from './demo-constants.js';
import type { DemoRefs } from './demo-refs.js';
import { planDemoTickets, type PlannedTicket } from './demo-ticket-plan.js';

const CHUNK = 100;

async function insertChunked<T>(items: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += CHUNK) await insert(items.slice(i, i + CHUNK));
}

function messageRows(p: PlannedTicket, ticketId: number, refs: DemoRefs): NewSupportTicketMessage[] {
  const customer = refs.customers[p.spec.customer];
  let inbound = 0;
  return p.thread.messages.map((m) => {
    const base = {
      workspace_id: refs.workspaceId,
      ticket_id: ticketId,
      message: m.text,
      message_type: m.type,
      created_at: m.at,
    };
    switch (m.type) {
      case 'customer':
        inbound += 1;
        return {
          ...base,
          sender_customer_id: customer.id,
          sender_name: customer.name,
          sender_email: customer.email,
          email_message_id:
            p.spec.channel === 'email'
              ? `<${p.ticketNumber.toLowerCase()}.${inbound}@mail.customer.test>`
              : '',
        };
      case 'agent':
      case 'note': {
        const staff = refs.staff[m.staff ?? 'agent1'];
        return {
          ...base,
          sender_id: staff.id,
          sender_name: staff.name,
          sender_email: staff.email,
          is_staff_reply: true,
          is_internal: m.internal,
        };
      }
      case 'system':
        return { ...base, sender_name: 'System', is_internal: true };
    }
  });
}

function assignmentRows(p: PlannedTicket, ticketId: number, refs: DemoRefs): NewTicketAssignment[] {
  const user = (key: keyof DemoRefs['staff'] | null) => (key ? refs.staff[key].id : null);
  const team = (key: keyof DemoRefs['teams'] | null) => (key ? refs.teams[key].id : null);
  return p.thread.assignments.map((a) => ({
    workspace_id: refs.workspaceId,
    ticket_id: ticketId,
    action: a.action,
    from_user_id: user(a.fromUser),
    to_user_id: user(a.toUser),
    from_team_id: team(a.fromTeam),
    to_team_id: team(a.toTeam),
    reason: a.reason,
    created_by_id: user(a.by),
    created_at: a.at,
  }));
}

/** Inserts the 60 demo tickets and moves the workspace's ticket counter past them. Returns the count. */
export async function seedDemoTickets(tx: Tx, refs: DemoRefs): Promise<number> {
  const workspace_id = refs.workspaceId;
  const plan = planDemoTickets();
  const inserted = await tx
    .insertInto('support_tickets')
    .values(
      plan.map(({ ticketNumber, spec, thread, sla }) => {
        const customer = refs.customers[spec.customer];
        return {
          workspace_id,
          customer_id: customer.id,
          ticket_number: ticketNumber,
          subject: spec.subject,
          description: spec.description,
          category_id: refs.categories[spec.category],
          priority_id: refs.priorities[spec.priority],
          status: spec.status,
          assigned_to_id: spec.assignee ? refs.staff[spec.assignee].id : null,
          team_id: thread.team ? refs.teams[thread.team].id : null,
          channel: spec.channel,
          source_email: spec.channel === 'email' ? customer.email : '',
          source_phone: spec.channel === 'phone' ? customer.phone : '',
          order_ref: spec.order ?? null,
          consignment_ref: spec.consignment ?? null,
          sla_id: refs.slas[sla],
          first_response_at: thread.firstResponseAt,
          resolved_at: thread.resolvedAt,
          closed_at: thread.closedAt,
          satisfaction_rating: spec.rating?.score ?? null,
          satisfaction_comment: spec.rating?.comment ?? '',
          created_at: thread.createdAt,
          updated_at: thread.updatedAt,
        };
      }),
    )
    .returning(['id', 'ticket_number'])
    .execute();
  const idOf = new Map(inserted.map((t) => [t.ticket_number, t.id]));
  const ticketId = (p: PlannedTicket): number => {
    const id = idOf.get(p.ticketNumber);
    if (id === undefined) throw new Error(`demo ticket ${p.ticketNumber} was not inserted`);
    return id;
  };

  const messages = plan.flatMap((p) => messageRows(p, ticketId(p), refs));
  await insertChunked(messages, (chunk) => tx.insertInto('support_ticket_messages').values(chunk).execute());
  const assignments = plan.flatMap((p) => assignmentRows(p, ticketId(p), refs));
  await insertChunked(assignments, (chunk) => tx.insertInto('ticket_assignments').values(chunk).execute());
  const tags = plan.flatMap((p) =>
    (p.spec.tags ?? []).map((slug) => ({ workspace_id, ticket_id: ticketId(p), tag_id: refs.tags[slug] })),
  );
  await insertChunked(tags, (chunk) => tx.insertInto('support_ticket_tags').values(chunk).execute());

  // The SLA clock, as it stood at the demo's anchor: due and warning times from each ticket's SLA and
  // priority (the breach sweep flags the ones that were late once the server runs).
  const seeded = await tx
    .selectFrom('support_tickets')
    .selectAll()
    .where('workspace_id', '=', workspace_id)
    .execute();
  for (const ticket of seeded) {
    await refreshTicketDues({ tx, now: DEMO_ANCHOR, actor: {}, record: false }, ticket);
  }

  await tx
    .updateTable('workspaces')
    .set({ next_ticket_number: plan.length + 1 })
    .where('id', '=', workspace_id)
    .execute();
  return plan.length;
}
