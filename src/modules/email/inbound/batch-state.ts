/**
 * What the mails of one processing transaction share: the writes deferred to the batch's end
 * (BatchWrites) and the workspace's facts read once (WorkspaceFacts).
 */
import type { Tx } from '../../../db/tenant.js';
import * as repo from './inbound-repository.js';

/**
 * The writes of a batch that no later mail of it reads — each mail's outcome on its stored row, and the
 * Message-ID on the message it became — made in one statement each when the batch is done. A mail that
 * a later mail of the batch references (In-Reply-To/References) writes both at once, so that the later
 * one finds its ticket.
 */
export class BatchWrites {
  readonly outcomes: { row: repo.StoredMail; outcome: repo.Outcome; now: Date }[] = [];
  readonly messageIds: { messageRowId: number; messageId: string }[] = [];

  constructor(
    private readonly workspaceId: number,
    /** Message-IDs of the batch's mails that other mails of the batch reference. */
    private readonly referenced: Set<string>,
  ) {}

  defers(row: repo.StoredMail): boolean {
    return !this.referenced.has(row.message_id);
  }

  async flush(tx: Tx): Promise<void> {
    await repo.recordOutcomes(tx, this.outcomes);
    await repo.setEmailMessageIds(tx, this.workspaceId, this.messageIds);
  }
}

/**
 * What every mail of one transaction asks about its workspace, read once per transaction: the
 * workspace's default priority, its mailbox addresses, and each mailbox's defaults for new tickets.
 */
export class WorkspaceFacts {
  private workspace: Promise<{ id: number; default_priority: string }> | undefined;
  private addresses: Promise<string[]> | undefined;
  private defaults = new Map<number, Promise<MailboxDefaults | undefined>>();

  constructor(
    private readonly tx: Tx,
    private readonly workspaceId: number,
  ) {}

  workspaceRow() {
    return (this.workspace ??= this.tx
      .selectFrom('workspaces')
      .select(['id', 'default_priority'])
      .where('id', '=', this.workspaceId)
      .executeTakeFirstOrThrow());
  }

  mailboxAddresses() {
    return (this.addresses ??= repo.mailboxAddresses(this.tx, this.workspaceId));
  }

  mailboxDefaults(mailboxId: number | null): Promise<MailboxDefaults | undefined> {
    if (mailboxId === null) return Promise.resolve(undefined);
    let found = this.defaults.get(mailboxId);
    if (!found) {
      // Only defaults that still name an active category/priority and an existing team: a mailbox whose
      // default was deactivated since opens tickets with the workspace's defaults, never fails the mail.
      found = this.tx
        .selectFrom('mailboxes as m')
        .leftJoin('ticket_categories as c', (j) =>
          j
            .onRef('c.workspace_id', '=', 'm.workspace_id')
            .onRef('c.id', '=', 'm.default_category_id')
            .on('c.is_active', '=', true),
        )
        .leftJoin('ticket_priorities as p', (j) =>
          j
            .onRef('p.workspace_id', '=', 'm.workspace_id')
            .onRef('p.id', '=', 'm.default_priority_id')
            .on('p.is_active', '=', true),
        )
        .leftJoin('support_teams as t', (j) =>
          j.onRef('t.workspace_id', '=', 'm.workspace_id').onRef('t.id', '=', 'm.default_team_id'),
        )
        .select(['m.address', 'c.id as category', 'p.id as priority', 't.id as team'])
        .where('m.workspace_id', '=', this.workspaceId)
        .where('m.id', '=', mailboxId)
        .executeTakeFirst();
      this.defaults.set(mailboxId, found);
    }
    return found;
  }
}

export interface MailboxDefaults {
  address: string;
  category: number | null;
  priority: number | null;
  team: number | null;
}
