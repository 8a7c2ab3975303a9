/** The help centre's URLs, in one place so pages, redirects, canonical links and the sitemap agree. */

const seg = encodeURIComponent;

export interface SitePaths {
  home(language: string): string;
  article(language: string, slug: string): string;
  category(language: string, slug: string): string;
  search(language: string, query?: string, cursor?: string): string;
  helpful(language: string, slug: string): string;
  sitemap(): string;
  /** The SPA's ticket form for this workspace (where "Contact us" leads). */
  contact(): string;
}

export function sitePaths(workspaceSlug: string): SitePaths {
  const base = `/kb/${seg(workspaceSlug)}`;
  return {
    home: (language) => `${base}/${seg(language)}/`,
    article: (language, slug) => `${base}/${seg(language)}/${seg(slug)}`,
    category: (language, slug) => `${base}/${seg(language)}/category/${seg(slug)}`,
    search: (language, query, cursor) => {
      const params = new URLSearchParams();
      if (query !== undefined) params.set('q', query);
      if (cursor) params.set('cursor', cursor);
      const qs = params.toString();
      return `${base}/${seg(language)}/search${qs ? `?${qs}` : ''}`;
    },
    helpful: (language, slug) => `${base}/${seg(language)}/${seg(slug)}/helpful`,
    sitemap: () => `${base}/sitemap.xml`,
    contact: () => `/app/tickets/new?workspace=${seg(workspaceSlug)}`,
  };
}
