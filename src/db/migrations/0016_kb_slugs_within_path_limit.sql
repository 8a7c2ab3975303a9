-- Article slugs longer than the router's path-parameter limit (100 characters) made articles that search
-- and the sitemap listed but /api/support/kb/{slug}/ and /kb/{ws}/{lang}/{slug} answered 414 for (a
-- 140-character title gave a 139-character slug). Shorten the stored ones to 100 characters (at a word
-- boundary's dash when the cut lands on one), numbering those that would clash with another article's
-- slug in the same workspace and language, then let the database refuse longer slugs.
-- Nobody could open the old long slugs, so they are not kept as redirects.
DO $$
DECLARE
  r record;
  candidate text;
  n integer;
BEGIN
  FOR r IN
    SELECT id, workspace_id, language, slug FROM knowledge_articles WHERE char_length(slug) > 100 ORDER BY id
  LOOP
    candidate := rtrim(left(r.slug, 100), '-');
    n := 2;
    WHILE EXISTS (
      SELECT 1 FROM knowledge_articles
       WHERE workspace_id = r.workspace_id AND language = r.language AND slug = candidate AND id <> r.id
    ) LOOP
      candidate := rtrim(left(r.slug, 100 - 1 - length(n::text)), '-') || '-' || n;
      n := n + 1;
    END LOOP;
    UPDATE knowledge_articles SET slug = candidate WHERE id = r.id;
  END LOOP;
END
$$;

ALTER TABLE knowledge_articles
  ADD CONSTRAINT knowledge_articles_slug_length CHECK (char_length(slug) <= 100);
