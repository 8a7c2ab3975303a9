-- Knowledge-base search without work proportional to the number of matches, and without notices.
--
-- 1. A broad query ("order", "refund payment", a typo corrected to a common word) no longer counts its
--    matches through the GIN index first. kb_search_ids (0010) read up to 2,001 matches from a bitmap of
--    all of them (every match of the GIN index, with the workspace and language keys intersected: 15–35 ms
--    at 100,000 articles) only to learn that the query was broad, then walked the view_count index for the
--    500 most read. Now it probes the 100 most read visible articles first: when enough of them match, it
--    walks that index at once (reading at most 1,500 rows) for the 200 most read matches and ranks those
--    (2–4 ms). A query that matches none or few of the probe takes the GIN path as before.
-- 2. No function here raises a NOTICE. websearch_to_tsquery('') and to_tsquery() of a stop word ("the:*"),
--    and the ''::tsquery literal, each raised one ("text-search query doesn't contain lexemes") inside
--    plpgsql on every one-word search; notices raised inside functions are a suspect in the embedded
--    database's ERRORDATA_STACK_SIZE abort. Queries are now built only from text that has lexemes, and an
--    empty query is NULL.

-- One word (letters and digits only) as a query, as a prefix (:*) when p_prefix; NULL for a stop word or
-- anything else. Checked with to_tsvector first: to_tsquery raises a notice for a stop word. One
-- expression, so the planner inlines it.
CREATE FUNCTION kb_word_tsquery(p_config regconfig, p_word text, p_prefix boolean) RETURNS tsquery
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT CASE WHEN coalesce(p_word, '') ~ '^[[:alnum:]]+$' AND to_tsvector(p_config, p_word) <> ''::tsvector
                THEN to_tsquery(p_config, p_word || CASE WHEN p_prefix THEN ':*' ELSE '' END) END
  $$;

-- As in 0010 (websearch syntax plus the prefix word), NULL when nothing searchable is left.
CREATE OR REPLACE FUNCTION kb_tsquery(p_language text, p_query text, p_prefix text) RETURNS tsquery
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
  AS $$
  DECLARE
    cfg regconfig := kb_search_config(p_language);
    q tsquery;
    p tsquery := kb_word_tsquery(cfg, p_prefix, true);
  BEGIN
    -- websearch_to_tsquery raises a notice for text without lexemes ('', stop words, punctuation).
    IF to_tsvector(cfg, coalesce(p_query, '')) <> ''::tsvector THEN
      q := websearch_to_tsquery(cfg, p_query);
    END IF;
    RETURN CASE WHEN q IS NULL OR numnode(q) = 0 THEN p WHEN p IS NULL THEN q ELSE q && p END;
  END
  $$;

-- As in 0010 (any of p_words and the prefix, none of p_exclude), NULL when nothing searchable is left.
CREATE OR REPLACE FUNCTION kb_tsquery_any(p_language text, p_words text, p_prefix text, p_exclude text)
  RETURNS tsquery
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
  AS $$
  DECLARE
    cfg regconfig := kb_search_config(p_language);
    q tsquery := kb_lexemes_any(cfg, p_words);
    p tsquery := kb_word_tsquery(cfg, p_prefix, true);
    x tsquery := kb_lexemes_any(cfg, p_exclude);
  BEGIN
    q := CASE WHEN q IS NULL THEN p WHEN p IS NULL THEN q ELSE q || p END;
    RETURN CASE WHEN q IS NULL OR x IS NULL THEN q ELSE q && !! x END;
  END
  $$;

-- Ranked ids of the articles matching p_query; arguments, visibility rules, rank and paging as in 0010.
--
-- Help-centre searches (public, one language) first probe the `probe` most read visible articles. When
-- enough of them match that `cap` matches are expected within `walk_rows` rows of the (…, view_count
-- DESC) index, the query is broad: the `cap` most read matches are ranked, found by walking that index
-- (reading at most `walk_rows` rows). Otherwise (and for staff searches) the GIN index reads up to
-- `walk_above` + 1 matches; when that is all of them, all are ranked (in the same statement: counting
-- first read the matches twice); above that, the `cap` most read of them.
CREATE OR REPLACE FUNCTION kb_search_ids(
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
    cap constant integer := 200;
    walk_above constant integer := 2000;
    probe constant integer := 100;
    walk_rows constant integer := 1500;
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
    -- Given `candidates` (id, search_vector): their number and the requested page of them, ranked. The
    -- ranking is skipped (a one-time filter) when there are more than %s candidates.
    ranked_page constant text := $r$,
      ranked AS (
        SELECT c.id, ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', c.search_vector, $3, 33)::float8 AS rank
        FROM candidates c WHERE (SELECT count(*) FROM candidates) <= %s
      ),
      page AS (
        SELECT r.id, r.rank FROM ranked r
        WHERE $8::float8 IS NULL OR r.rank < $8 OR (r.rank = $8 AND r.id > $9)
        ORDER BY r.rank DESC, r.id
        LIMIT $10
      )
      SELECT (SELECT count(*)::int FROM candidates),
        (SELECT array_agg(p.id ORDER BY p.rank DESC, p.id) FROM page p),
        (SELECT array_agg(p.rank ORDER BY p.rank DESC, p.id) FROM page p) $r$;
    -- The conditions the indexes do not answer: visible category, category scope, tag.
    filters text;
    walk text;
    matches text;
    m integer;
    n integer;
    ids bigint[];
    ranks double precision[];
    bitmap_setting text := current_setting('enable_bitmapscan');
    seqscan_setting text := current_setting('enable_seqscan');
  BEGIN
    IF p_workspace_id IS DISTINCT FROM app_workspace_id() OR p_query IS NULL OR numnode(p_query) = 0 THEN
      RETURN;
    END IF;
    filters := format(' %s %s %s',
      CASE WHEN p_public THEN 'AND (a.category_id IS NULL OR a.category_id IN (SELECT id FROM visible))' ELSE '' END,
      CASE WHEN p_category_id IS NOT NULL THEN 'AND a.category_id IN (SELECT id FROM scope)' ELSE '' END,
      CASE WHEN p_tag IS NOT NULL THEN 'AND $7 = ANY (kb_tag_array(a.tags))' ELSE '' END);

    IF p_public AND p_language IS NOT NULL THEN
      -- The matches among the %s most read published articles of the language, most read first.
      walk := $w$FROM (SELECT a.id, a.search_vector, a.category_id, a.tags FROM knowledge_articles a
                 WHERE a.workspace_id = $1 AND a.language = $2 AND a.status = 'published'
                 ORDER BY a.view_count DESC, a.id LIMIT %s) a
               WHERE a.search_vector @@ $3 $w$ || filters;
      EXECUTE scopes || 'SELECT count(*)::int ' || format(walk, probe)
        INTO m
        USING p_workspace_id, p_language, p_query, p_public, p_statuses, p_category_id, p_tag;
      IF m > 0 AND cap * probe <= walk_rows * m THEN
        EXECUTE scopes
            || format(', candidates AS MATERIALIZED (SELECT a.id, a.search_vector %s LIMIT %s)',
                 format(walk, walk_rows), cap)
            || format(ranked_page, cap)
          INTO n, ids, ranks
          USING p_workspace_id, p_language, p_query, p_public, p_statuses, p_category_id, p_tag,
            p_after_rank, p_after_id, p_limit;
        IF n >= cap THEN
          RETURN QUERY SELECT u.id, u.rank FROM unnest(ids, ranks) WITH ORDINALITY AS u(id, rank, i) ORDER BY u.i;
          RETURN;
        END IF;
      END IF;
    END IF;

    matches := format(
      'FROM knowledge_articles a WHERE a.workspace_id = $1 AND a.search_vector @@ $3 %s %s %s',
      CASE WHEN p_language IS NOT NULL THEN 'AND a.language = $2' ELSE '' END,
      CASE WHEN p_public THEN $c$AND a.status = 'published'$c$
           WHEN p_statuses IS NOT NULL THEN 'AND a.status = ANY ($5)' ELSE '' END,
      filters);
    -- EXECUTE plans with the actual values (a generic plan cannot judge a tsquery's selectivity).
    EXECUTE scopes
        || format(', candidates AS MATERIALIZED (SELECT a.id, a.search_vector %s LIMIT %s)', matches, walk_above + 1)
        || format(ranked_page, walk_above)
      INTO n, ids, ranks
      USING p_workspace_id, p_language, p_query, p_public, p_statuses, p_category_id, p_tag,
        p_after_rank, p_after_id, p_limit;
    IF n <= walk_above THEN
      RETURN QUERY SELECT u.id, u.rank FROM unnest(ids, ranks) WITH ORDINALITY AS u(id, rank, i) ORDER BY u.i;
      RETURN;
    END IF;
    -- The most read matches, walking the (…, view_count DESC) index until `cap` of them matched. The
    -- planner underestimates broad tsqueries and would rather collect and sort every match.
    PERFORM set_config('enable_bitmapscan', 'off', true), set_config('enable_seqscan', 'off', true);
    EXECUTE scopes
        || format(', candidates AS MATERIALIZED (SELECT a.id, a.search_vector %s ORDER BY a.view_count DESC, a.id LIMIT %s)',
             matches, cap)
        || format(ranked_page, cap)
      INTO n, ids, ranks
      USING p_workspace_id, p_language, p_query, p_public, p_statuses, p_category_id, p_tag,
        p_after_rank, p_after_id, p_limit;
    PERFORM set_config('enable_bitmapscan', bitmap_setting, true),
      set_config('enable_seqscan', seqscan_setting, true);
    RETURN QUERY SELECT u.id, u.rank FROM unnest(ids, ranks) WITH ORDINALITY AS u(id, rank, i) ORDER BY u.i;
  END
  $$;

-- As in 0010, with each word's "is it used" test built from its lexemes (a stop word has none and is
-- skipped) instead of to_tsquery, which raised a notice for stop words.
CREATE OR REPLACE FUNCTION kb_word_candidates(p_workspace_id bigint, p_language text, p_words text[], p_prefix text)
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
      FROM (
        SELECT w.word,
          kb_word_tsquery(kb_search_config(p_language), w.word, w.word = p_prefix) AS used
        FROM unnest(p_words) AS w(word)
      ) AS q
      CROSS JOIN LATERAL (
        SELECT v.word, similarity(v.word, kb_fold(q.word)) AS sim, v.doc_count
        FROM kb_search_words v
        WHERE v.workspace_id = p_workspace_id AND v.language = p_language AND v.word % kb_fold(q.word)
        ORDER BY sim DESC, v.doc_count DESC, v.word
        LIMIT 5
      ) AS c
      -- A stop word ("here", "until") is never misspelt: it is simply not searched (no lexemes). Nor is
      -- a word that published articles use, in any inflection (the unfinished last word, p_prefix, also
      -- as the start of a word).
      WHERE q.used IS NOT NULL
        AND NOT EXISTS (
          SELECT 1 FROM knowledge_articles a
          WHERE a.workspace_id = p_workspace_id AND a.language = p_language AND a.status = 'published'
            AND a.search_vector @@ q.used);
  END
  $$;
