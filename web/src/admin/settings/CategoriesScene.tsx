/**
 * The ticket category tree: drag a category onto another's row to put it before that one, or onto its
 * "into" zone to make it a sub-category; the arrow buttons do the same from the keyboard. Selecting a
 * category edits its defaults (assignee, priority, SLA, team); the form below adds a new one.
 */
import { useMemo, useState, type DragEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { Splash } from '../../guards';
import { ProblemAlert } from '../../components/ProblemAlert';
import {
  useAdminMutation,
  useCategories,
  usePriorities,
  useSlas,
  useTeams,
  type AdminCategory,
} from '../api';
import { MutationStatus } from '../MutationStatus';
import { buildTree, planMove, type Move, type Patch, type TreeNode } from './category-tree';

type Flat = AdminCategory & { id: number; parent: number | null; order: number };

const flatten = (c: AdminCategory): Flat => ({
  ...c,
  id: c.id ?? 0,
  parent: c.parent?.id ?? null,
  order: c.order ?? 0,
});

export default function CategoriesScene() {
  const { t } = useTranslation();
  const categories = useCategories();
  const items = useMemo(() => (categories.data?.results ?? []).map(flatten), [categories.data]);
  const [selected, setSelected] = useState<number | null>(null);
  const [dragging, setDragging] = useState<number | null>(null);
  const [over, setOver] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const move = useAdminMutation(async (patches: Patch[]) => {
    for (const { id, ...body } of patches) {
      await unwrap(
        api.http.PATCH('/api/support/admin/categories/{id}/', { params: { path: { id: String(id) } }, body }),
      );
    }
  });

  if (categories.error) return <ProblemAlert error={categories.error} />;
  if (!categories.data) return <Splash />;

  const nameOf = (id: number) => items.find((i) => i.id === id)?.name ?? '';
  const perform = (id: number, m: Move) => {
    const patches = planMove(items, id, m);
    if (patches.length === 0) return;
    move.mutate(patches, {
      onSuccess: () => setAnnouncement(t('admin.categories.moved', { name: nameOf(id) })),
    });
  };
  const drop = (m: Move) => (event: DragEvent) => {
    event.preventDefault();
    setOver(null);
    if (dragging !== null) perform(dragging, m);
    setDragging(null);
  };
  const allow = (zone: string) => (event: DragEvent) => {
    if (dragging === null) return;
    event.preventDefault();
    setOver(zone);
  };

  const renderNode = (node: TreeNode<Flat>) => {
    const c = node.item;
    return (
      <li key={c.id}>
        <div
          className={`tree-item${over === `before-${c.id}` ? ' drop-target' : ''}`}
          aria-current={selected === c.id ? true : undefined}
          draggable
          data-testid={`category-${c.slug ?? c.id}`}
          onDragStart={(e) => {
            e.dataTransfer.setData('text/plain', String(c.id));
            setDragging(c.id);
          }}
          onDragEnd={() => setDragging(null)}
          onDragOver={allow(`before-${c.id}`)}
          onDragLeave={() => setOver(null)}
          onDrop={drop({ kind: 'before', target: c.id })}
        >
          <span className="grip" aria-hidden="true">
            ⋮⋮
          </span>
          <button type="button" className="link name" onClick={() => setSelected(c.id)}>
            {c.name}
          </button>
          {!c.is_active && <span className="status-chip">{t('admin.inactive')}</span>}
          <span className="muted small">
            {[c.default_priority, c.sla?.name, c.team?.name, c.default_assignee?.name]
              .filter(Boolean)
              .join(' · ')}
          </span>
          {dragging !== null && dragging !== c.id && (
            <span
              className={`status-chip${over === `into-${c.id}` ? ' drop-target' : ''}`}
              onDragOver={(e) => {
                e.stopPropagation();
                allow(`into-${c.id}`)(e);
              }}
              onDrop={(e) => {
                e.stopPropagation();
                drop({ kind: 'into', target: c.id })(e);
              }}
            >
              {t('admin.categories.dropInto')}
            </span>
          )}
          <span className="row" role="group" aria-label={t('admin.categories.moveGroup', { name: c.name })}>
            {(['up', 'down', 'indent', 'outdent'] as const).map((kind) => (
              <button
                key={kind}
                type="button"
                className="secondary small"
                aria-label={t(`admin.categories.${kind}`, { name: c.name })}
                title={t(`admin.categories.${kind}`, { name: c.name })}
                disabled={move.isPending || planMove(items, c.id, { kind }).length === 0}
                onClick={() => perform(c.id, { kind })}
              >
                {{ up: '↑', down: '↓', indent: '→', outdent: '←' }[kind]}
              </button>
            ))}
          </span>
        </div>
        {node.children.length > 0 && <ul className="tree">{node.children.map(renderNode)}</ul>}
      </li>
    );
  };

  const current = items.find((i) => i.id === selected) ?? null;
  return (
    <section className="admin-page" aria-labelledby="cat-title">
      <h1 id="cat-title">{t('admin.categories.title')}</h1>
      <p className="muted">{t('admin.categories.hint')}</p>
      <div className="admin-section">
        {items.length === 0 ? (
          <p className="muted">{t('admin.categories.empty')}</p>
        ) : (
          <ul className="tree" aria-label={t('admin.categories.tree')}>
            {buildTree(items).map(renderNode)}
          </ul>
        )}
        <p className="visually-hidden" role="status">
          {announcement}
        </p>
        {move.error ? <ProblemAlert error={move.error} /> : null}
      </div>
      {current && <CategoryForm key={current.id} category={current} onDone={() => setSelected(null)} />}
      <CategoryForm key="new" category={null} onDone={() => undefined} />
    </section>
  );
}

interface FormState {
  name: string;
  default_priority: string;
  sla: string;
  team: string;
  default_assignee: string;
  is_active: boolean;
}

function CategoryForm({ category, onDone }: { category: Flat | null; onDone: () => void }) {
  const { t } = useTranslation();
  const priorities = usePriorities();
  const slas = useSlas();
  const teams = useTeams();
  const blank: FormState = {
    name: '',
    default_priority: '',
    sla: '',
    team: '',
    default_assignee: '',
    is_active: true,
  };
  const [form, setForm] = useState<FormState>(
    category
      ? {
          name: category.name ?? '',
          default_priority: category.default_priority ?? '',
          sla: String(category.sla?.id ?? ''),
          team: String(category.team?.id ?? ''),
          default_assignee: String(category.default_assignee?.id ?? ''),
          is_active: category.is_active ?? true,
        }
      : blank,
  );
  // Assignee candidates: the members of the workspace's teams (and whoever is assigned now).
  const people = new Map<number, string>();
  for (const team of teams.data?.results ?? []) {
    for (const m of team.members ?? []) if (m.id) people.set(m.id, m.name || m.email || String(m.id));
  }
  if (category?.default_assignee?.id) {
    people.set(category.default_assignee.id, category.default_assignee.name ?? '');
  }
  const save = useAdminMutation(async (f: FormState) => {
    const body = {
      name: f.name,
      ...(f.default_priority ? { default_priority: f.default_priority } : {}),
      sla: f.sla ? Number(f.sla) : null,
      team: f.team ? Number(f.team) : null,
      default_assignee: f.default_assignee ? Number(f.default_assignee) : null,
      is_active: f.is_active,
    };
    if (category) {
      return unwrap(
        api.http.PATCH('/api/support/admin/categories/{id}/', {
          params: { path: { id: String(category.id) } },
          body,
        }),
      );
    }
    return unwrap(api.http.POST('/api/support/admin/categories/', { body }));
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(form, {
      onSuccess: () => {
        if (!category) setForm(blank);
      },
    });
  };
  const id = category ? `cat-${category.id}` : 'cat-new';
  const set = <K extends keyof FormState>(k: K, v: FormState[K]) => setForm({ ...form, [k]: v });

  return (
    <form className="admin-section" onSubmit={onSubmit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        {category ? t('admin.categories.edit', { name: category.name }) : t('admin.categories.add')}
      </h2>
      <div className="form-grid">
        <label className="field">
          {t('admin.name')}
          <input required value={form.name} onChange={(e) => set('name', e.target.value)} />
        </label>
        <label className="field">
          {t('admin.categories.priority')}
          <select value={form.default_priority} onChange={(e) => set('default_priority', e.target.value)}>
            <option value="">{t('admin.categories.workspaceDefault')}</option>
            {(priorities.data?.results ?? []).map((p) => (
              <option key={p.code} value={p.code}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          {t('admin.categories.sla')}
          <select value={form.sla} onChange={(e) => set('sla', e.target.value)}>
            <option value="">{t('admin.none')}</option>
            {(slas.data?.results ?? []).map((s) => (
              <option key={s.id} value={String(s.id)}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          {t('admin.categories.team')}
          <select value={form.team} onChange={(e) => set('team', e.target.value)}>
            <option value="">{t('admin.none')}</option>
            {(teams.data?.results ?? []).map((team) => (
              <option key={team.id} value={String(team.id)}>
                {team.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          {t('admin.categories.assignee')}
          <select value={form.default_assignee} onChange={(e) => set('default_assignee', e.target.value)}>
            <option value="">{t('admin.none')}</option>
            {[...people].map(([personId, name]) => (
              <option key={personId} value={String(personId)}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label className="check-field">
          <input
            type="checkbox"
            checked={form.is_active}
            onChange={(e) => set('is_active', e.target.checked)}
          />
          {t('admin.active')}
        </label>
      </div>
      <div className="row">
        <button type="submit" className="primary" disabled={save.isPending}>
          {category ? t('admin.save') : t('admin.create')}
        </button>
        {category && (
          <button type="button" className="secondary" onClick={onDone}>
            {t('admin.close')}
          </button>
        )}
      </div>
      <MutationStatus error={save.error} saved={save.isSuccess} />
    </form>
  );
}
