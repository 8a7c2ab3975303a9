/**
 * The demo workspace "demo" (Demo Shop Support): staff, customers, settings, 60 tickets with their
 * conversations, a bilingual knowledge base and response templates. Deterministic: every timestamp is
 * computed from DEMO_ANCHOR, so two seeds produce the same content. Seeding only ever creates the
 * workspace; when it exists nothing is changed.
 */
import type { Database } from '../../db/client.js';
import { asSystem, inWorkspace } from '../../db/tenant.js';
import { AppError } from '../../platform/errors.js';
import { rebuildStats } from '../analytics/index.js';
import { createWorkspace } from '../workspaces/index.js';
import { DEMO_WORKSPACE } from './demo-constants.js';
import { seedDemoKnowledgeBase } from './seed-demo-kb.js';
import { seedDemoPeople } from './seed-demo-people.js';
import { seedDemoSettings } from './seed-demo-settings.js';
import { seedDemoTickets } from './seed-demo-tickets.js';
import { seedDemoTemplates } from './demo-templates.js';

export type DemoSeedResult =
  | { created: true; workspaceId: number; tickets: number; articles: number; templates: number }
  | { created: false; workspaceId: number };

/** The id of the demo workspace, or null when there is none. */
export async function findDemoWorkspace(db: Database): Promise<number | null> {
  const row = await asSystem(db, (tx) =>
    tx.selectFrom('workspaces').select('id').where('slug', '=', DEMO_WORKSPACE.slug).executeTakeFirst(),
  );
  return row?.id ?? null;
}

/** Creates the demo workspace with all its content, or does nothing when it already exists. */
export async function seedDemo(db: Database): Promise<DemoSeedResult> {
  const existing = await findDemoWorkspace(db);
  if (existing !== null) return { created: false, workspaceId: existing };
  let workspaceId: number;
  try {
    workspaceId = (await createWorkspace(db, { ...DEMO_WORKSPACE })).id;
  } catch (err) {
    // Another process seeding at the same moment won the race.
    const winner =
      err instanceof AppError && err.code === 'ALREADY_EXISTS' ? await findDemoWorkspace(db) : null;
    if (winner !== null) return { created: false, workspaceId: winner };
    throw err;
  }
  try {
    const people = await seedDemoPeople(db, workspaceId);
    // Several short transactions: a server starting with --demo answers sooner than after one long one.
    const refs = await inWorkspace(db, workspaceId, (tx) => seedDemoSettings(tx, people));
    const tickets = await inWorkspace(db, workspaceId, (tx) => seedDemoTickets(tx, refs));
    const articles = await inWorkspace(db, workspaceId, (tx) => seedDemoKnowledgeBase(tx, refs));
    const templates = await inWorkspace(db, workspaceId, (tx) => seedDemoTemplates(tx, refs));
    // The tickets are inserted directly (no events), so the report's rollups are built from them here.
    await rebuildStats(db, workspaceId, { now: () => new Date() });
    return { created: true, workspaceId, tickets, articles, templates };
  } catch (err) {
    // Leave no half-seeded demo behind, so the next attempt starts clean. (Staff accounts are
    // install-wide and stay; a later seed adds them to the new workspace.)
    await removeWorkspace(db, workspaceId).catch(() => undefined);
    throw err;
  }
}

/** Seeds the demo only into a database without any workspace (a first start with `serve --demo`). */
export async function seedDemoIfFirstRun(db: Database): Promise<DemoSeedResult | null> {
  const any = await asSystem(db, (tx) =>
    tx.selectFrom('workspaces').select('id').limit(1).executeTakeFirst(),
  );
  return any ? null : seedDemo(db);
}

async function removeWorkspace(db: Database, workspaceId: number): Promise<void> {
  await asSystem(db, async (tx) => {
    // Tickets first: they hold the customers and priorities with ON DELETE RESTRICT.
    await tx.deleteFrom('support_tickets').where('workspace_id', '=', workspaceId).execute();
    await tx.deleteFrom('workspaces').where('id', '=', workspaceId).execute();
  });
}
