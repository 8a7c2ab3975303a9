/**
 * Saving an agent's inbox views: one by name (a name already used is replaced), or many at once when the
 * desk moves the views an older version kept in the browser (existing names win, nothing is replaced).
 */
import type { Tx } from '../../db/tenant.js';
import { AppError, notFound } from '../../platform/errors.js';
import { presentView, type SavedViewView } from './presenter.js';
import { countViews, deleteView, listViews, upsertView, type Owner } from './repository.js';
import { MAX_VIEWS } from './schema.js';

export interface ViewContext extends Owner {
  tx: Tx;
  now: Date;
}

interface ViewInput {
  name: string;
  query: string;
}

const tidy = (v: ViewInput): ViewInput => ({ name: v.name.trim(), query: v.query.replace(/^\?/, '') });

function full(): AppError {
  return new AppError('RULE_VIOLATION', `an agent keeps at most ${MAX_VIEWS} saved views; remove one first`);
}

/** The agent's views, by name. */
export async function listSavedViews(ctx: ViewContext): Promise<SavedViewView[]> {
  return (await listViews(ctx.tx, ctx)).map(presentView);
}

/** Saves a view under its name, replacing the agent's view of that name. */
export async function saveView(ctx: ViewContext, input: ViewInput): Promise<SavedViewView> {
  const view = tidy(input);
  const existing = await listViews(ctx.tx, ctx);
  if (!existing.some((v) => v.name === view.name) && existing.length >= MAX_VIEWS) throw full();
  const saved = await upsertView(ctx.tx, ctx, view, ctx.now, true);
  if (!saved) throw new Error('unreachable: an upsert that replaces always returns its row');
  return presentView(saved);
}

/** Adds the views whose names the agent does not use yet (up to the limit); answers all their views. */
export async function importViews(ctx: ViewContext, views: readonly ViewInput[]): Promise<SavedViewView[]> {
  let room = MAX_VIEWS - (await countViews(ctx.tx, ctx));
  for (const view of views.map(tidy)) {
    if (room <= 0) break;
    if (await upsertView(ctx.tx, ctx, view, ctx.now, false)) room -= 1;
  }
  return listSavedViews(ctx);
}

/** Removes one of the agent's views; anyone else's id is a 404. */
export async function removeView(ctx: ViewContext, id: number): Promise<void> {
  if (!(await deleteView(ctx.tx, ctx, id))) throw notFound('saved view');
}
