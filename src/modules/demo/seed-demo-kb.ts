/** Inserts the demo knowledge base: the category tree and the articles in English and German. */
import type { NewKnowledgeArticle } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';
import { DAY, DEMO_ANCHOR } from './demo-constants.js';
import type { DemoArticle, KbCategorySlug } from './demo-article-types.js';
import { ARTICLES_DE } from './demo-articles-de.js';
import { ARTICLES_EN } from './demo-articles-en.js';
import type { DemoRefs } from './demo-refs.js';
import { renderMarkdown } from '../kb/index.js';

type Language = 'en' | 'de';

const KB_CATEGORIES: readonly {
  slug: KbCategorySlug;
  parent?: KbCategorySlug;
  icon: string;
  en: [name: string, description: string];
  de: [name: string, description: string];
}[] = [
  {
    slug: 'shipping-delivery',
    icon: 'truck',
    en: ['Shipping & delivery', 'Delivery times, costs and problems with parcels.'],
    de: ['Versand & Lieferung', 'Lieferzeiten, Versandkosten und Probleme mit Paketen.'],
  },
  {
    slug: 'tracking',
    parent: 'shipping-delivery',
    icon: 'map-pin',
    en: ['Tracking', 'Following your parcel on its way to you.'],
    de: ['Sendungsverfolgung', 'So verfolgen Sie Ihr Paket auf dem Weg zu Ihnen.'],
  },
  {
    slug: 'returns-refunds',
    icon: 'rotate-ccw',
    en: ['Returns & refunds', 'Sending items back and getting your money back.'],
    de: ['Rücksendungen & Erstattungen', 'Artikel zurücksenden und Geld zurückerhalten.'],
  },
  {
    slug: 'orders-payment',
    icon: 'credit-card',
    en: ['Orders & payment', 'Payment methods, invoices and changing an order.'],
    de: ['Bestellungen & Zahlung', 'Zahlungsarten, Rechnungen und Bestelländerungen.'],
  },
  {
    slug: 'your-account',
    icon: 'user',
    en: ['Your account & contact', 'Logging in, your data and how to reach us.'],
    de: ['Ihr Konto & Kontakt', 'Anmeldung, Ihre Daten und wie Sie uns erreichen.'],
  },
];

/** An article still being written: drafts never show in the public knowledge base. */
const DRAFT: DemoArticle = {
  slug: 'gift-wrapping',
  title: 'Gift wrapping and gift messages',
  category: 'orders-payment',
  excerpt: 'Send your order as a present, with wrapping and a personal message.',
  tags: 'gift,order',
  content: `Choose **Send as a gift** in the checkout to add gift wrapping (3.50 EUR) and a message of up to 200 characters.\n\nTODO: photos of the wrapping paper; does the invoice go to the buyer by e-mail?`,
};

async function insertCategories(
  tx: Tx,
  refs: DemoRefs,
  language: Language,
): Promise<Record<KbCategorySlug, number>> {
  const ids = {} as Record<KbCategorySlug, number>;
  for (const [order, c] of KB_CATEGORIES.entries()) {
    const [name, description] = c[language];
    const row = await tx
      .insertInto('knowledge_categories')
      .values({
        workspace_id: refs.workspaceId,
        slug: c.slug,
        name,
        description,
        icon: c.icon,
        order,
        language,
        parent_id: c.parent ? ids[c.parent] : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids[c.slug] = row.id;
  }
  return ids;
}

function articleRow(
  refs: DemoRefs,
  a: DemoArticle,
  language: Language,
  categories: Record<KbCategorySlug, number>,
  i: number,
): NewKnowledgeArticle {
  // The German translation followed the English original two days later, and has fewer readers.
  const published = new Date(DEMO_ANCHOR.getTime() - (90 - i * 7 - (language === 'de' ? 2 : 0)) * DAY);
  const readers = language === 'en' ? 1 : 0.4;
  const rendered = renderMarkdown(a.content);
  return {
    workspace_id: refs.workspaceId,
    slug: a.slug,
    title: a.title,
    content: a.content,
    content_html: rendered.html,
    content_text: rendered.text,
    excerpt: a.excerpt,
    meta_description: a.excerpt,
    tags: a.tags,
    language,
    category_id: categories[a.category],
    status: 'published',
    published_at: published,
    author_id: (i % 2 === 0 ? refs.staff.admin : refs.staff.agent1).id,
    view_count: Math.round((480 - i * 37) * readers),
    helpful_count: Math.round((41 - i * 3) * readers),
    not_helpful_count: i % 4,
    created_at: new Date(published.getTime() - DAY),
    updated_at: published,
  };
}

/**
 * Inserts both languages' categories and articles plus one English draft; returns the article count.
 * The German articles share the English slugs and are linked to them as translations.
 */
export async function seedDemoKnowledgeBase(tx: Tx, refs: DemoRefs): Promise<number> {
  const sets: [Language, readonly DemoArticle[]][] = [
    ['en', ARTICLES_EN],
    ['de', ARTICLES_DE],
  ];
  let count = 0;
  for (const [language, articles] of sets) {
    const categories = await insertCategories(tx, refs, language);
    const rows = articles.map((a, i) => articleRow(refs, a, language, categories, i));
    if (language === 'en') {
      const draftAt = new Date(DEMO_ANCHOR.getTime() - 3 * DAY);
      rows.push({
        ...articleRow(refs, DRAFT, language, categories, 0),
        status: 'draft',
        published_at: null,
        author_id: refs.staff.agent2.id,
        view_count: 0,
        helpful_count: 0,
        not_helpful_count: 0,
        created_at: draftAt,
        updated_at: draftAt,
      });
    }
    await tx.insertInto('knowledge_articles').values(rows).execute();
    count += rows.length;
  }
  // Each German article translates the English one with its slug.
  await tx
    .updateTable('knowledge_articles as d')
    .from('knowledge_articles as e')
    .set((eb) => ({ translation_group_id: eb.ref('e.translation_group_id') }))
    .where('d.workspace_id', '=', refs.workspaceId)
    .where('e.workspace_id', '=', refs.workspaceId)
    .whereRef('d.slug', '=', 'e.slug')
    .where('d.language', '=', 'de')
    .where('e.language', '=', 'en')
    .execute();
  return count;
}
