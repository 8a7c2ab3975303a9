/** Tags with their colours: rename, recolour, delete, add. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { Splash } from '../../guards';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useAdminMutation, useTags, type AdminTag } from '../api';
import { MutationStatus } from '../MutationStatus';

function TagForm({ tag }: { tag: AdminTag | null }) {
  const { t } = useTranslation();
  const [name, setName] = useState(tag?.name ?? '');
  const [color, setColor] = useState(tag?.color || '#6b7280');
  const save = useAdminMutation(() =>
    tag
      ? unwrap(
          api.http.PATCH('/api/support/admin/tags/{id}/', {
            params: { path: { id: String(tag.id) } },
            body: { name, color },
          }),
        )
      : unwrap(api.http.POST('/api/support/admin/tags/', { body: { name, color } })),
  );
  const remove = useAdminMutation(() =>
    unwrap(api.http.DELETE('/api/support/admin/tags/{id}/', { params: { path: { id: String(tag?.id) } } })),
  );
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(undefined, { onSuccess: () => !tag && setName('') });
  };
  return (
    <form className="row" onSubmit={onSubmit} aria-label={tag?.name ?? t('admin.tags.add')}>
      <label className="field">
        {t('admin.name')}
        <input required value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <label className="field">
        {t('admin.colour')}
        <input type="color" value={color} onChange={(e) => setColor(e.target.value)} />
      </label>
      <button type="submit" className={tag ? 'secondary' : 'primary'} disabled={save.isPending}>
        {tag ? t('admin.save') : t('admin.create')}
      </button>
      {tag && (
        <button type="button" className="secondary" onClick={() => remove.mutate(undefined)}>
          {t('admin.delete')}
        </button>
      )}
      <MutationStatus error={save.error ?? remove.error} saved={save.isSuccess} />
    </form>
  );
}

export default function TagsScene() {
  const { t } = useTranslation();
  const tags = useTags();
  if (tags.error) return <ProblemAlert error={tags.error} />;
  if (!tags.data) return <Splash />;
  return (
    <section className="admin-page" aria-labelledby="tags-title">
      <h1 id="tags-title">{t('admin.tags.title')}</h1>
      <div className="admin-section">
        {(tags.data.results ?? []).map((tag) => (
          <TagForm key={`${tag.id}-${tag.name}-${tag.color}`} tag={tag} />
        ))}
        {(tags.data.results ?? []).length === 0 && <p className="muted">{t('admin.tags.empty')}</p>}
      </div>
      <div className="admin-section">
        <h2>{t('admin.tags.add')}</h2>
        <TagForm tag={null} />
      </div>
    </section>
  );
}
