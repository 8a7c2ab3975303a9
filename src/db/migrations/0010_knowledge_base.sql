-- Knowledge base: authoring (rendered HTML, translations, slug history), language-aware weighted search
-- with typo correction, the record of searches that found nothing, and ticket-deflection analytics.
--
-- Search runs through SECURITY DEFINER functions for the reason given in 0005: under row-level security
-- PostgreSQL never uses a non-LEAKPROOF operator (tsvector @@ tsquery, trigram %) as an index condition,
-- so as bfg2_app every search would scan the whole workspace. The functions refuse any workspace but the
-- transaction's own, apply the visibility rules themselves and return only ids; callers then read the
-- rows as bfg2_app under RLS as usual.

-- ---------------------------------------------------------------------------------------------------
-- Text-search configurations: each language's stemmer behind unaccent, so "Rücksendung" meets
-- "rucksendung" and "électronique" meets "electronique", and ts_headline still shows the original text.
-- ---------------------------------------------------------------------------------------------------
DO $$
DECLARE
  l text;
  stemmer boolean;
BEGIN
  FOREACH l IN ARRAY ARRAY['english', 'german', 'french', 'spanish', 'italian', 'dutch', 'portuguese',
    'swedish', 'danish', 'finnish', 'norwegian', 'russian', 'turkish', 'hungarian', 'romanian', 'catalan',
    'indonesian', 'irish', 'lithuanian', 'greek', 'simple']
  LOOP
    -- A server without one of these stemmers still gets the configuration, without stemming.
    stemmer := l <> 'simple' AND EXISTS (SELECT 1 FROM pg_ts_dict WHERE dictname = l || '_stem');
    EXECUTE format('CREATE TEXT SEARCH CONFIGURATION public.%I (COPY = pg_catalog.%I)',
      'kb_' || l, CASE WHEN stemmer THEN l ELSE 'simple' END);
    EXECUTE format(
      'ALTER TEXT SEARCH CONFIGURATION public.%I ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, %I',
      'kb_' || l, CASE WHEN stemmer THEN l || '_stem' ELSE 'simple' END);
  END LOOP;
END
$$;

-- An article's language ('en', 'de-AT', 'pt-BR' …) → its configuration; unknown languages search
-- without stemming. Declared IMMUTABLE (the mapping never changes) so generated columns can use it.
CREATE FUNCTION kb_search_config(language text) RETURNS regconfig
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT ('public.kb_' || CASE split_part(lower(coalesce(language, '')), '-', 1)
      WHEN 'en' THEN 'english' WHEN 'de' THEN 'german' WHEN 'fr' THEN 'french' WHEN 'es' THEN 'spanish'
      WHEN 'it' THEN 'italian' WHEN 'nl' THEN 'dutch' WHEN 'pt' THEN 'portuguese' WHEN 'sv' THEN 'swedish'
      WHEN 'da' THEN 'danish' WHEN 'fi' THEN 'finnish' WHEN 'no' THEN 'norwegian' WHEN 'nb' THEN 'norwegian'
      WHEN 'nn' THEN 'norwegian' WHEN 'ru' THEN 'russian' WHEN 'tr' THEN 'turkish' WHEN 'hu' THEN 'hungarian'
      WHEN 'ro' THEN 'romanian' WHEN 'ca' THEN 'catalan' WHEN 'id' THEN 'indonesian' WHEN 'ga' THEN 'irish'
      WHEN 'lt' THEN 'lithuanian' WHEN 'el' THEN 'greek'
      ELSE 'simple' END)::regconfig
  $$;

-- Lower-case, accent-free text: what trigram matching and the vocabulary compare.
CREATE FUNCTION kb_fold(value text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, value)) $$;

-- knowledge_articles.tags is the seed's comma-separated string; as a set of lower-case tags.
CREATE FUNCTION kb_tag_array(tags text) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT coalesce(array_agg(DISTINCT t ORDER BY t), '{}')
    FROM unnest(string_to_array(lower(coalesce(tags, '')), ',')) AS s(raw), trim(s.raw) AS t
    WHERE t <> ''
  $$;

-- The searchable body: the plain text the application derives from the Markdown, or the Markdown itself
-- for rows written without it (bulk imports).
CREATE FUNCTION kb_body_text(content_text text, content text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT CASE WHEN coalesce(content_text, '') <> '' THEN content_text ELSE coalesce(content, '') END $$;

-- Weighted document: title A, tags B, excerpt and meta description C, body D.
CREATE FUNCTION kb_article_vector(
  language text, title text, tags text, excerpt text, meta_description text, body text
) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT setweight(to_tsvector(kb_search_config(language), coalesce(title, '')), 'A')
        || setweight(to_tsvector(kb_search_config(language), replace(coalesce(tags, ''), ',', ' ')), 'B')
        || setweight(to_tsvector(kb_search_config(language),
             CASE WHEN coalesce(meta_description, '') IN ('', coalesce(excerpt, '')) THEN coalesce(excerpt, '')
                  ELSE coalesce(excerpt, '') || ' ' || meta_description END), 'C')
        || setweight(to_tsvector(kb_search_config(language), coalesce(body, '')), 'D')
  $$;

-- The distinct words of an article (folded, 3–40 letters) that typo correction may suggest.
CREATE FUNCTION kb_article_words(title text, tags text, excerpt text, body text) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT coalesce(array_agg(w ORDER BY w), '{}')
    FROM unnest(tsvector_to_array(to_tsvector('public.kb_simple'::regconfig,
      concat_ws(' ', title, replace(coalesce(tags, ''), ',', ' '), excerpt, body)))) AS w
    WHERE length(w) BETWEEN 3 AND 40 AND w !~ '[[:digit:][:punct:][:space:]]'
  $$;

-- ---------------------------------------------------------------------------------------------------
-- Articles: rendered HTML, plain text, translation group, search vector
-- ---------------------------------------------------------------------------------------------------
ALTER TABLE knowledge_articles
  ADD COLUMN content_html text NOT NULL DEFAULT '',
  ADD COLUMN content_text text NOT NULL DEFAULT '',
  ADD COLUMN translation_group_id bigint,
  ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    kb_article_vector(language, title, tags, excerpt, meta_description, kb_body_text(content_text, content))
  ) STORED;

-- Translations share a group. Existing articles with the same slug in several languages (the demo's
-- convention) are one group; every other article is a group of its own. New groups take numbers from
-- a sequence (an article leaving its group needs a number no group uses).
CREATE SEQUENCE kb_translation_group_seq;
UPDATE knowledge_articles a SET translation_group_id = (
  SELECT min(b.id) FROM knowledge_articles b WHERE b.workspace_id = a.workspace_id AND b.slug = a.slug);
SELECT setval('kb_translation_group_seq', coalesce((SELECT max(id) FROM knowledge_articles), 0) + 1, false);
ALTER TABLE knowledge_articles ALTER COLUMN translation_group_id SET NOT NULL;
CREATE UNIQUE INDEX knowledge_articles_translation_idx
  ON knowledge_articles (workspace_id, translation_group_id, language);

-- An article inserted without a group joins the group of the article with its slug in another language
-- (when that group has no article in its language yet), else starts its own. Two lookups planned with
-- their values (EXECUTE), neither with ORDER BY: as one anti-join, as plans cached while the table was
-- empty, or ordered by id before the table had statistics, each row of a large import scanned the
-- whole workspace.
CREATE FUNCTION knowledge_articles_translation_group() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  DECLARE
    groups bigint[];
    g bigint;
    taken boolean;
  BEGIN
    IF NEW.translation_group_id IS NULL THEN
      EXECUTE
        'SELECT array_agg(translation_group_id ORDER BY id) FROM knowledge_articles
         WHERE workspace_id = $1 AND slug = $2 AND language <> $3'
        INTO groups
        USING NEW.workspace_id, NEW.slug, NEW.language;
      FOREACH g IN ARRAY coalesce(groups, '{}')
      LOOP
        EXECUTE
          'SELECT EXISTS (SELECT 1 FROM knowledge_articles
                          WHERE workspace_id = $1 AND translation_group_id = $2 AND language = $3)'
          INTO taken USING NEW.workspace_id, g, NEW.language;
        IF NOT taken THEN
          NEW.translation_group_id := g;
          EXIT;
        END IF;
      END LOOP;
      NEW.translation_group_id := coalesce(NEW.translation_group_id, nextval('kb_translation_group_seq'));
    END IF;
    RETURN NEW;
  END
  $$;
CREATE TRIGGER knowledge_articles_translation_group
  BEFORE INSERT ON knowledge_articles
  FOR EACH ROW EXECUTE FUNCTION knowledge_articles_translation_group();

-- btree_gin puts workspace_id and language into the GIN index (see 0005).
CREATE INDEX knowledge_articles_search_idx
  ON knowledge_articles USING gin (workspace_id, language, search_vector);
CREATE INDEX knowledge_articles_title_trgm_idx
  ON knowledge_articles USING gin (workspace_id, language,
    kb_fold(title || ' ' || replace(tags, ',', ' ')) gin_trgm_ops);
CREATE INDEX knowledge_articles_popular_idx
  ON knowledge_articles (workspace_id, language, status, view_count DESC, id);
CREATE INDEX knowledge_articles_updated_idx ON knowledge_articles (workspace_id, updated_at DESC, id DESC);

-- An article's earlier slugs, so old links keep working after a rename.
CREATE TABLE kb_article_slug_history (
  workspace_id bigint NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  language varchar(10) NOT NULL,
  slug varchar(255) NOT NULL,
  article_id bigint NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, language, slug),
  FOREIGN KEY (workspace_id, article_id) REFERENCES knowledge_articles (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX kb_article_slug_history_article_idx ON kb_article_slug_history (workspace_id, article_id);

CREATE INDEX knowledge_categories_parent_idx ON knowledge_categories (workspace_id, parent_id);
CREATE INDEX kb_article_views_day_idx ON kb_article_views (day);

-- ---------------------------------------------------------------------------------------------------
-- Vocabulary for "did you mean": the words of published articles with the number of articles using them
-- ---------------------------------------------------------------------------------------------------
CREATE TABLE kb_search_words (
  workspace_id bigint NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  language varchar(10) NOT NULL,
  word varchar(60) NOT NULL,
  doc_count integer NOT NULL,
  PRIMARY KEY (workspace_id, language, word)
);
CREATE INDEX kb_search_words_trgm_idx ON kb_search_words USING gin (workspace_id, language, word gin_trgm_ops);

INSERT INTO kb_search_words (workspace_id, language, word, doc_count)
  SELECT a.workspace_id, a.language, w, count(*)
  FROM knowledge_articles a,
    unnest(kb_article_words(a.title, a.tags, a.excerpt, kb_body_text(a.content_text, a.content))) AS w
  WHERE a.status = 'published'
  GROUP BY 1, 2, 3;

-- Adds (delta > 0) or removes (delta < 0) one article's words. Removal only updates existing rows, so a
-- cascade that already deleted the vocabulary (a workspace being deleted) is not recreated. EXECUTE:
-- a plan cached while the vocabulary was small would scan it later.
CREATE FUNCTION kb_words_apply(p_workspace_id bigint, p_language text, p_words text[], p_delta integer)
  RETURNS void
  LANGUAGE plpgsql
  AS $$
  BEGIN
    IF p_delta > 0 THEN
      EXECUTE
        'INSERT INTO kb_search_words AS v (workspace_id, language, word, doc_count)
         SELECT $1, $2, w, $4 FROM unnest($3) AS w ORDER BY w
         ON CONFLICT (workspace_id, language, word) DO UPDATE SET doc_count = v.doc_count + excluded.doc_count'
        USING p_workspace_id, p_language, p_words, p_delta;
    ELSIF p_delta < 0 THEN
      EXECUTE
        'UPDATE kb_search_words SET doc_count = doc_count + $4
         WHERE workspace_id = $1 AND language = $2 AND word = ANY ($3)'
        USING p_workspace_id, p_language, p_words, p_delta;
      EXECUTE
        'DELETE FROM kb_search_words
         WHERE workspace_id = $1 AND language = $2 AND word = ANY ($3) AND doc_count <= 0'
        USING p_workspace_id, p_language, p_words;
    END IF;
  END
  $$;

-- Bulk inserts (imports, the seed, benchmarks) count their words in one statement.
CREATE FUNCTION kb_words_after_insert() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    INSERT INTO kb_search_words AS v (workspace_id, language, word, doc_count)
      SELECT n.workspace_id, n.language, w, count(*)
      FROM new_rows n,
        unnest(kb_article_words(n.title, n.tags, n.excerpt, kb_body_text(n.content_text, n.content))) AS w
      WHERE n.status = 'published'
      GROUP BY 1, 2, 3
      ORDER BY 1, 2, 3
      ON CONFLICT (workspace_id, language, word) DO UPDATE SET doc_count = v.doc_count + excluded.doc_count;
    RETURN NULL;
  END
  $$;
CREATE TRIGGER kb_words_after_insert
  AFTER INSERT ON knowledge_articles
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kb_words_after_insert();

-- Only edits of the words or of publication fire this (never the view and vote counters).
CREATE FUNCTION kb_words_after_update() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    IF OLD.status = 'published' THEN
      PERFORM kb_words_apply(OLD.workspace_id, OLD.language,
        kb_article_words(OLD.title, OLD.tags, OLD.excerpt, kb_body_text(OLD.content_text, OLD.content)), -1);
    END IF;
    IF NEW.status = 'published' THEN
      PERFORM kb_words_apply(NEW.workspace_id, NEW.language,
        kb_article_words(NEW.title, NEW.tags, NEW.excerpt, kb_body_text(NEW.content_text, NEW.content)), 1);
    END IF;
    RETURN NULL;
  END
  $$;
CREATE TRIGGER kb_words_after_update
  AFTER UPDATE OF title, tags, excerpt, content, content_text, status, language ON knowledge_articles
  FOR EACH ROW WHEN (OLD.status = 'published' OR NEW.status = 'published')
  EXECUTE FUNCTION kb_words_after_update();

CREATE FUNCTION kb_words_after_delete() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  DECLARE
    ws bigint[];
    ls text[];
    words text[];
    ns integer[];
  BEGIN
    SELECT array_agg(d.workspace_id), array_agg(d.language), array_agg(d.w), array_agg(d.n)
      INTO ws, ls, words, ns
      FROM (SELECT o.workspace_id, o.language::text AS language, w, count(*)::integer AS n
            FROM old_rows o,
              unnest(kb_article_words(o.title, o.tags, o.excerpt, kb_body_text(o.content_text, o.content))) AS w
            WHERE o.status = 'published'
            GROUP BY 1, 2, 3) AS d;
    IF ws IS NULL THEN
      RETURN NULL;
    END IF;
    UPDATE kb_search_words v SET doc_count = v.doc_count - x.n
      FROM unnest(ws, ls, words, ns) AS x(workspace_id, language, word, n)
      WHERE v.workspace_id = x.workspace_id AND v.language = x.language AND v.word = x.word;
    DELETE FROM kb_search_words v
      USING unnest(ws, ls, words) AS x(workspace_id, language, word)
      WHERE v.workspace_id = x.workspace_id AND v.language = x.language AND v.word = x.word
        AND v.doc_count <= 0;
    RETURN NULL;
  END
  $$;
CREATE TRIGGER kb_words_after_delete
  AFTER DELETE ON knowledge_articles
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kb_words_after_delete();

-- ---------------------------------------------------------------------------------------------------
-- Searches that found nothing (what to write next) and ticket-deflection events
-- ---------------------------------------------------------------------------------------------------
CREATE TABLE kb_search_misses (
  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  workspace_id bigint NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  language varchar(10) NOT NULL,
  query varchar(200) NOT NULL,
  count integer NOT NULL DEFAULT 1,
  first_seen_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (workspace_id, language, query)
);
CREATE INDEX kb_search_misses_count_idx ON kb_search_misses (workspace_id, count DESC, id);
CREATE INDEX kb_search_misses_recent_idx ON kb_search_misses (workspace_id, last_seen_at DESC, id DESC);

CREATE TABLE kb_deflection_events (
  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  workspace_id bigint NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  session_id varchar(64) NOT NULL,
  event varchar(30) NOT NULL
    CHECK (event IN ('suggestions_shown', 'article_opened', 'left_without_ticket', 'ticket_submitted')),
  article_id bigint,
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (workspace_id, article_id) REFERENCES knowledge_articles (workspace_id, id) ON DELETE CASCADE
);
-- One event of a kind (per article) per session: a form that re-renders its suggestions counts once.
CREATE UNIQUE INDEX kb_deflection_events_once_idx
  ON kb_deflection_events (workspace_id, session_id, event, coalesce(article_id, 0));
CREATE INDEX kb_deflection_events_time_idx ON kb_deflection_events (workspace_id, created_at);

-- ---------------------------------------------------------------------------------------------------
-- Search functions (SECURITY DEFINER: see the top of this file)
-- ---------------------------------------------------------------------------------------------------

-- The query a visitor typed, websearch syntax ("quotes", OR, -word), with the unfinished last word
-- (p_prefix, letters and digits only) matched as a prefix.
CREATE FUNCTION kb_tsquery(p_language text, p_query text, p_prefix text) RETURNS tsquery
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
  AS $$
  DECLARE
    cfg regconfig := kb_search_config(p_language);
    q tsquery := websearch_to_tsquery(cfg, coalesce(p_query, ''));
    p tsquery;
  BEGIN
    IF coalesce(p_prefix, '') ~ '^[[:alnum:]]+$' THEN
      p := to_tsquery(cfg, p_prefix || ':*');
      IF numnode(p) > 0 THEN
        q := CASE WHEN numnode(q) > 0 THEN q && p ELSE p END;
      END IF;
    END IF;
    RETURN q;
  END
  $$;

-- The relaxed query for when every-word matching finds little: any of p_words (and the prefix), none of
-- p_exclude. ts_rank_cd then favours the articles that match more of them, and in better places.
CREATE FUNCTION kb_lexemes_any(p_config regconfig, p_text text) RETURNS tsquery
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT string_agg(quote_literal(replace(v.lexeme, '\', '')), ' | ')::tsquery
    FROM unnest(to_tsvector(p_config, coalesce(p_text, ''))) AS v
  $$;

CREATE FUNCTION kb_tsquery_any(p_language text, p_words text, p_prefix text, p_exclude text) RETURNS tsquery
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
  AS $$
  DECLARE
    cfg regconfig := kb_search_config(p_language);
    q tsquery := kb_lexemes_any(cfg, p_words);
    p tsquery;
    x tsquery := kb_lexemes_any(cfg, p_exclude);
  BEGIN
    IF coalesce(p_prefix, '') ~ '^[[:alnum:]]+$' THEN
      p := to_tsquery(cfg, p_prefix || ':*');
      IF numnode(p) > 0 THEN
        q := CASE WHEN q IS NULL THEN p ELSE q || p END;
      END IF;
    END IF;
    IF q IS NOT NULL AND x IS NOT NULL THEN
      q := q && !! x;
    END IF;
    RETURN coalesce(q, ''::tsquery);
  END
  $$;

-- Ranked ids of the articles matching p_query, after (p_after_rank, p_after_id) for the next page.
-- p_public: only published articles outside inactive categories (an inactive category hides its
-- sub-categories too); otherwise p_statuses (NULL = any). p_category_id includes its sub-categories.
-- The rank is ts_rank_cd with weights D 0.1, C 0.2, B 0.4, A 1.0, divided by 1 + log(length) and
-- mapped to 0..1 (normalisation 1|32).
--
-- Ranking reads every match, so a query matching more than `walk_above` articles ("order" in a big
-- shop) ranks only the `cap` most read of them; a broad query's long tail is reached by narrowing it.
-- Counting stops at walk_above + 1; the capped candidates come from walking the (…, view_count DESC)
-- index, which for a broad query reaches `cap` matches after a few thousand rows at most.
CREATE FUNCTION kb_search_ids(
  p_workspace_id bigint,
  p_language text,
  p_query tsquery,
  p_public boolean,
  p_statuses text[],
  p_category_id bigint,
  p_tag text,
  p_after_rank double precision,
  p_after_id bigint,
  p_limit integer
) RETURNS TABLE (id bigint, rank double precision)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  ROWS 25
  AS $$
  DECLARE
    cap constant integer := 500;
    -- Up to this many matches, reading them all is cheaper than walking the index for the most read.
    walk_above constant integer := 2000;
    scopes constant text := $s$
      WITH RECURSIVE visible(id) AS (
        SELECT c.id FROM knowledge_categories c
        WHERE c.workspace_id = $1 AND c.parent_id IS NULL AND c.is_active
        UNION
        SELECT c.id FROM knowledge_categories c JOIN visible v ON c.parent_id = v.id
        WHERE c.workspace_id = $1 AND c.is_active
      ), scope(id) AS (
        SELECT c.id FROM knowledge_categories c WHERE c.workspace_id = $1 AND c.id = $6
        UNION
        SELECT c.id FROM knowledge_categories c JOIN scope s ON c.parent_id = s.id WHERE c.workspace_id = $1
      ) $s$;
    matches text;
    n integer;
    bitmap_setting text := current_setting('enable_bitmapscan');
    seqscan_setting text := current_setting('enable_seqscan');
  BEGIN
    IF p_workspace_id IS DISTINCT FROM app_workspace_id() OR p_query IS NULL OR numnode(p_query) = 0 THEN
      RETURN;
    END IF;
    matches := format(
      'FROM knowledge_articles a WHERE a.workspace_id = $1 AND a.search_vector @@ $3 %s %s %s %s %s',
      CASE WHEN p_language IS NOT NULL THEN 'AND a.language = $2' ELSE '' END,
      CASE WHEN p_public THEN
        $c$AND a.status = 'published' AND (a.category_id IS NULL OR a.category_id IN (SELECT id FROM visible))$c$
      ELSE '' END,
      CASE WHEN NOT p_public AND p_statuses IS NOT NULL THEN 'AND a.status = ANY ($5)' ELSE '' END,
      CASE WHEN p_category_id IS NOT NULL THEN 'AND a.category_id IN (SELECT id FROM scope)' ELSE '' END,
      CASE WHEN p_tag IS NOT NULL THEN 'AND $7 = ANY (kb_tag_array(a.tags))' ELSE '' END);
    -- EXECUTE plans with the actual values (a generic plan cannot judge a tsquery's selectivity).
    EXECUTE scopes || format('SELECT count(*)::int FROM (SELECT 1 %s LIMIT %s) x', matches, walk_above + 1)
      INTO n
      USING p_workspace_id, p_language, p_query, p_public, p_statuses, p_category_id, p_tag;
    IF n > walk_above THEN
      -- The most read matches, walking the (…, view_count DESC) index until `cap` of them matched. The
      -- planner underestimates broad tsqueries and would rather collect and sort every match.
      PERFORM set_config('enable_bitmapscan', 'off', true), set_config('enable_seqscan', 'off', true);
    END IF;
    RETURN QUERY EXECUTE scopes || format($q$,
      candidates AS MATERIALIZED (SELECT a.id, a.search_vector %s %s),
      ranked AS (
        SELECT c.id, ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', c.search_vector, $3, 33)::float8 AS rank FROM candidates c
      )
      SELECT r.id, r.rank FROM ranked r
      WHERE $8::float8 IS NULL OR r.rank < $8 OR (r.rank = $8 AND r.id > $9)
      ORDER BY r.rank DESC, r.id
      LIMIT $10 $q$,
      matches,
      CASE WHEN n > walk_above THEN format('ORDER BY a.view_count DESC, a.id LIMIT %s', cap) ELSE '' END)
    USING p_workspace_id, p_language, p_query, p_public, p_statuses, p_category_id, p_tag,
      p_after_rank, p_after_id, p_limit;
    PERFORM set_config('enable_bitmapscan', bitmap_setting, true),
      set_config('enable_seqscan', seqscan_setting, true);
  END
  $$;

-- The fallback when full text finds nothing at all: articles whose title or tags contain a word similar
-- to the whole query (pg_trgm word_similarity), best first. Same visibility rules and paging.
CREATE FUNCTION kb_search_similar_titles(
  p_workspace_id bigint,
  p_language text,
  p_text text,
  p_public boolean,
  p_statuses text[],
  p_category_id bigint,
  p_tag text,
  p_after_rank double precision,
  p_after_id bigint,
  p_limit integer
) RETURNS TABLE (id bigint, rank double precision)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  SET pg_trgm.word_similarity_threshold = 0.6
  ROWS 25
  AS $$
  BEGIN
    IF p_workspace_id IS DISTINCT FROM app_workspace_id() OR length(coalesce(p_text, '')) < 3 THEN
      RETURN;
    END IF;
    RETURN QUERY EXECUTE format($q$
      WITH RECURSIVE visible(id) AS (
        SELECT c.id FROM knowledge_categories c
        WHERE c.workspace_id = $1 AND c.parent_id IS NULL AND c.is_active
        UNION
        SELECT c.id FROM knowledge_categories c JOIN visible v ON c.parent_id = v.id
        WHERE c.workspace_id = $1 AND c.is_active
      ), scope(id) AS (
        SELECT c.id FROM knowledge_categories c WHERE c.workspace_id = $1 AND c.id = $6
        UNION
        SELECT c.id FROM knowledge_categories c JOIN scope s ON c.parent_id = s.id WHERE c.workspace_id = $1
      ), ranked AS (
        SELECT a.id, word_similarity(kb_fold($3), kb_fold(a.title || ' ' || replace(a.tags, ',', ' ')))::float8 AS rank
        FROM knowledge_articles a
        WHERE a.workspace_id = $1 AND kb_fold($3) <%% kb_fold(a.title || ' ' || replace(a.tags, ',', ' '))
          %s %s %s %s %s
      )
      SELECT r.id, r.rank FROM ranked r
      WHERE $8::float8 IS NULL OR r.rank < $8 OR (r.rank = $8 AND r.id > $9)
      ORDER BY r.rank DESC, r.id
      LIMIT $10 $q$,
      CASE WHEN p_language IS NOT NULL THEN 'AND a.language = $2' ELSE '' END,
      CASE WHEN p_public THEN
        $c$AND a.status = 'published' AND (a.category_id IS NULL OR a.category_id IN (SELECT id FROM visible))$c$
      ELSE '' END,
      CASE WHEN NOT p_public AND p_statuses IS NOT NULL THEN 'AND a.status = ANY ($5)' ELSE '' END,
      CASE WHEN p_category_id IS NOT NULL THEN 'AND a.category_id IN (SELECT id FROM scope)' ELSE '' END,
      CASE WHEN p_tag IS NOT NULL THEN 'AND $7 = ANY (kb_tag_array(a.tags))' ELSE '' END)
    USING p_workspace_id, p_language, p_text, p_public, p_statuses, p_category_id, p_tag,
      p_after_rank, p_after_id, p_limit;
  END
  $$;

-- "Did you mean": for each word of p_words (letters and digits only) that no published article of the
-- language uses (and that is not a stop word), up to five similar vocabulary words (trigram
-- similarity, then how many articles use them). The caller picks by edit distance.
CREATE FUNCTION kb_word_candidates(p_workspace_id bigint, p_language text, p_words text[], p_prefix text)
  RETURNS TABLE (word text, candidate text, similarity real, doc_count integer)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  SET pg_trgm.similarity_threshold = 0.2
  AS $$
  BEGIN
    IF p_workspace_id IS DISTINCT FROM app_workspace_id() THEN
      RETURN;
    END IF;
    RETURN QUERY
      SELECT q.word, c.word::text, c.sim, c.doc_count
      FROM unnest(p_words) AS q(word)
      CROSS JOIN LATERAL (
        SELECT v.word, similarity(v.word, kb_fold(q.word)) AS sim, v.doc_count
        FROM kb_search_words v
        WHERE v.workspace_id = p_workspace_id AND v.language = p_language AND v.word % kb_fold(q.word)
        ORDER BY sim DESC, v.doc_count DESC, v.word
        LIMIT 5
      ) AS c
      -- A stop word ("here", "until") is never misspelt: it is simply not searched.
      WHERE to_tsvector(kb_search_config(p_language), q.word) <> ''::tsvector
        -- Nor is a word that published articles use, in any inflection (the unfinished last word,
        -- p_prefix, also as the start of a word).
        AND NOT EXISTS (
          SELECT 1 FROM knowledge_articles a
          WHERE a.workspace_id = p_workspace_id AND a.language = p_language AND a.status = 'published'
            AND a.search_vector @@ to_tsquery(kb_search_config(p_language),
              q.word || CASE WHEN q.word = p_prefix THEN ':*' ELSE '' END));
  END
  $$;

-- ---------------------------------------------------------------------------------------------------
-- Row-level security for the new tables (as 0004 does for the others)
-- ---------------------------------------------------------------------------------------------------
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['kb_article_slug_history', 'kb_search_words', 'kb_search_misses',
    'kb_deflection_events']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING (workspace_id = app_workspace_id()) '
      'WITH CHECK (workspace_id = app_workspace_id())', t);
  END LOOP;
END
$$;
