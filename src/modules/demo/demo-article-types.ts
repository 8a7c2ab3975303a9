/** The shape of a demo knowledge-base article (one per language; translations share the slug). */
export type KbCategorySlug =
  'shipping-delivery' | 'tracking' | 'returns-refunds' | 'orders-payment' | 'your-account';

export interface DemoArticle {
  slug: string;
  title: string;
  category: KbCategorySlug;
  excerpt: string;
  tags: string;
  content: string;
}
