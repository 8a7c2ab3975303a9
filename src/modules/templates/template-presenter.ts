/** Template row → admin API shape: categories and creator as id + embedded summary. */
import type { TemplateCategoryRow, TemplateRow } from './template-repository.js';

/** The admin API shape of one template; `links` may hold other templates' rows, they are filtered here. */
export function presentAdminTemplate(t: TemplateRow, links: TemplateCategoryRow[]) {
  return {
    id: t.id,
    name: t.name,
    subject: t.subject,
    content: t.content,
    language: t.language,
    usage_count: t.usage_count,
    is_active: t.is_active,
    categories: links.filter((l) => l.template_id === t.id).map(({ id, name, slug }) => ({ id, name, slug })),
    created_by:
      t.created_by_id !== null
        ? { id: t.created_by_id, name: t.creator_name ?? '', email: t.creator_email ?? '' }
        : null,
    created_at: t.created_at,
    updated_at: t.updated_at,
  };
}

export type AdminTemplateView = ReturnType<typeof presentAdminTemplate>;
