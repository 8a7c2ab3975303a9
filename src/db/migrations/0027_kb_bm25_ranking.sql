-- Knowledge-base ranking with inverse document frequency (BM25) instead of ts_rank_cd.
--
-- ts_rank_cd weighs every matched word alike: a word that every article contains ("order", "help")
-- counts as much as the one word that identifies the answer. BM25 needs, per workspace and language,
-- how many published articles contain each lexeme (document frequency), how many there are and how long
-- they are on average. kb_term_stats and kb_corpus_stats hold these, maintained by triggers as articles
-- are written (like kb_search_words in 0010: statement-level for bulk inserts and deletes, per row for
-- edits of the searchable text or of publication, never for the view and vote counters).
--
-- The score of an article for the query's lexemes t (stemmed by the language's configuration, stop words
-- already dropped by it):
--   sum over t of idf(t) · tf(t) · (k1 + 1) / (tf(t) + k1 · (1 − b + b · dl / avgdl))
--   idf(t) = ln(1 + (N − df(t) + 0.5) / (df(t) + 0.5))
-- with tf(t) the field-weighted term frequency: title (A) 4, tags (B) 2, excerpt and meta description
-- (C) 1.5, body (D) 1 per occurrence (BM25F). It is read from the stored search_vector without
-- unnesting it: for a one-lexeme query, ts_rank_cd with normalisation 0 is exactly the sum of the
-- weights of the lexeme's positions (each occurrence is a cover of length one). dl is the number of
-- distinct lexemes of the article (length(tsvector), read from its header), avgdl their mean over the
-- published articles. A prefix term ("retu:*") takes the highest document frequency among the lexemes
-- it matches (the most conservative idf).
--
-- Stop words: the snowball stop lists drop words that carry the question ("how", "why", "not", "off",
-- "no", "can", "should"): "won't switch off" and "won't switch on" were the same search. With idf, a
-- word in most articles weighs next to nothing anyway, so every word is now indexed (the stemmers
-- without their stop lists) and, in an any-word search, words in more than half the articles only
-- score, they do not select candidates (unless the query has nothing rarer).
--
-- Codes: PostgreSQL's parser reads "COVID-19" as "covid" and the integer "-19", so "covid 19" and
-- "covid19" never met it. Letters followed by digits ("covid-19", "covid19", "ps5") are split before
-- parsing, in articles and queries alike.
--
-- A derived excerpt (the start of the body, 0010's deriveExcerpt) is no longer indexed a second time
-- (it counted the first sentence twice); an excerpt the author wrote still is.


-- ---------------------------------------------------------------------------------------------------
-- Every word indexed; codes split
-- ---------------------------------------------------------------------------------------------------
DO $$
DECLARE
  l text;
BEGIN
  FOREACH l IN ARRAY ARRAY['english', 'german', 'french', 'spanish', 'italian', 'dutch', 'portuguese',
    'swedish', 'danish', 'finnish', 'norwegian', 'russian', 'turkish', 'hungarian', 'romanian', 'catalan',
    'indonesian', 'irish', 'lithuanian', 'greek']
  LOOP
    IF EXISTS (SELECT 1 FROM pg_ts_dict WHERE dictname = l || '_stem') THEN
      EXECUTE format('CREATE TEXT SEARCH DICTIONARY public.%I (TEMPLATE = snowball, language = %L)',
        'kb_' || l || '_stem_all', l);
      EXECUTE format(
        'ALTER TEXT SEARCH CONFIGURATION public.%I ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, '
        'hword, hword_part, word WITH public.unaccent, public.%I',
        'kb_' || l, 'kb_' || l || '_stem_all');
    END IF;
  END LOOP;
END
$$;

-- "covid-19" → "covid 19", "covid19" → "covid 19": letters followed by digits, with or without a dash.
CREATE FUNCTION kb_split_codes(p_text text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT regexp_replace(p_text, '([[:alpha:]])-?([[:digit:]])', '\1 \2', 'g') $$;

-- As in 0010, with codes split and a derived excerpt (the start of the body) left out.
CREATE OR REPLACE FUNCTION kb_article_vector(
  language text, title text, tags text, excerpt text, meta_description text, body text
) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT setweight(to_tsvector(kb_search_config(language), kb_split_codes(coalesce(title, ''))), 'A')
        || setweight(to_tsvector(kb_search_config(language), replace(coalesce(tags, ''), ',', ' ')), 'B')
        || setweight(to_tsvector(kb_search_config(language), kb_split_codes(concat_ws(' ',
             CASE WHEN strpos(regexp_replace(coalesce(body, ''), '\s+', ' ', 'g'),
                              regexp_replace(coalesce(excerpt, ''), '…$', '')) > 0 THEN NULL ELSE excerpt END,
             CASE WHEN coalesce(meta_description, '') IN ('', coalesce(excerpt, '')) THEN NULL
                  ELSE meta_description END))), 'C')
        || setweight(to_tsvector(kb_search_config(language), kb_split_codes(coalesce(body, ''))), 'D')
  $$;

-- As in 0014, with codes split.
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
      q := websearch_to_tsquery(cfg, kb_split_codes(p_query));
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
    q tsquery := kb_lexemes_any(cfg, kb_split_codes(p_words));
    p tsquery := kb_word_tsquery(cfg, p_prefix, true);
    x tsquery := kb_lexemes_any(cfg, p_exclude);
  BEGIN
    q := CASE WHEN q IS NULL THEN p WHEN p IS NULL THEN q ELSE q || p END;
    RETURN CASE WHEN q IS NULL OR x IS NULL THEN q ELSE q && !! x END;
  END
  $$;


-- Stored vectors follow the new configurations and kb_article_vector (an UPDATE recomputes generated
-- columns).
UPDATE knowledge_articles SET title = title;

-- ---------------------------------------------------------------------------------------------------
-- Term statistics
-- ---------------------------------------------------------------------------------------------------
CREATE TABLE kb_term_stats (
  workspace_id bigint NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  language varchar(10) NOT NULL,
  -- "C" collation: prefix terms are looked up as a range of this index.
  lexeme text COLLATE "C" NOT NULL,
  doc_count integer NOT NULL,
  PRIMARY KEY (workspace_id, language, lexeme)
);

CREATE TABLE kb_corpus_stats (
  workspace_id bigint NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  language varchar(10) NOT NULL,
  doc_count integer NOT NULL,
  -- Sum of length(search_vector) over the published articles.
  total_length bigint NOT NULL,
  PRIMARY KEY (workspace_id, language)
);

ALTER TABLE kb_term_stats ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON kb_term_stats USING (workspace_id = app_workspace_id())
  WITH CHECK (workspace_id = app_workspace_id());
ALTER TABLE kb_corpus_stats ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON kb_corpus_stats USING (workspace_id = app_workspace_id())
  WITH CHECK (workspace_id = app_workspace_id());

INSERT INTO kb_term_stats (workspace_id, language, lexeme, doc_count)
  SELECT a.workspace_id, a.language, l, count(*)
  FROM knowledge_articles a, unnest(tsvector_to_array(a.search_vector)) AS l
  WHERE a.status = 'published'
  GROUP BY 1, 2, 3;
INSERT INTO kb_corpus_stats (workspace_id, language, doc_count, total_length)
  SELECT a.workspace_id, a.language, count(*), sum(length(a.search_vector))
  FROM knowledge_articles a WHERE a.status = 'published'
  GROUP BY 1, 2;

-- Adds (sign 1) or removes (sign -1) the published articles among `rows` (workspace_id, language,
-- search_vector) from the statistics. Rows are written in key order, so concurrent writers lock the
-- shared rows in the same order (no deadlock). Removal only updates existing rows, so a cascade that
-- already deleted the statistics (a workspace being deleted) does not recreate them.
CREATE FUNCTION kb_stats_apply(p_workspace_ids bigint[], p_languages text[], p_vectors tsvector[], p_sign integer)
  RETURNS void
  LANGUAGE plpgsql
  AS $$
  BEGIN
    IF p_sign > 0 THEN
      INSERT INTO kb_term_stats AS s (workspace_id, language, lexeme, doc_count)
        SELECT r.w, r.l, x, count(*)
        FROM unnest(p_workspace_ids, p_languages, p_vectors) AS r(w, l, v), unnest(tsvector_to_array(r.v)) AS x
        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
        ON CONFLICT (workspace_id, language, lexeme) DO UPDATE SET doc_count = s.doc_count + excluded.doc_count;
      INSERT INTO kb_corpus_stats AS s (workspace_id, language, doc_count, total_length)
        SELECT r.w, r.l, count(*), sum(length(r.v))
        FROM unnest(p_workspace_ids, p_languages, p_vectors) AS r(w, l, v)
        GROUP BY 1, 2 ORDER BY 1, 2
        ON CONFLICT (workspace_id, language) DO UPDATE
          SET doc_count = s.doc_count + excluded.doc_count, total_length = s.total_length + excluded.total_length;
    ELSE
      UPDATE kb_term_stats s SET doc_count = s.doc_count - d.n
        FROM (SELECT r.w, r.l, x, count(*)::integer AS n
              FROM unnest(p_workspace_ids, p_languages, p_vectors) AS r(w, l, v), unnest(tsvector_to_array(r.v)) AS x
              GROUP BY 1, 2, 3 ORDER BY 1, 2, 3) AS d
        WHERE s.workspace_id = d.w AND s.language = d.l AND s.lexeme = d.x;
      DELETE FROM kb_term_stats s
        USING (SELECT DISTINCT r.w, r.l, x
               FROM unnest(p_workspace_ids, p_languages, p_vectors) AS r(w, l, v), unnest(tsvector_to_array(r.v)) AS x) AS d
        WHERE s.workspace_id = d.w AND s.language = d.l AND s.lexeme = d.x AND s.doc_count <= 0;
      UPDATE kb_corpus_stats s
        SET doc_count = s.doc_count - d.n, total_length = s.total_length - d.len
        FROM (SELECT r.w, r.l, count(*)::integer AS n, sum(length(r.v)) AS len
              FROM unnest(p_workspace_ids, p_languages, p_vectors) AS r(w, l, v)
              GROUP BY 1, 2 ORDER BY 1, 2) AS d
        WHERE s.workspace_id = d.w AND s.language = d.l;
    END IF;
  END
  $$;

CREATE FUNCTION kb_stats_after_insert() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  DECLARE
    ws bigint[];
    ls text[];
    vs tsvector[];
  BEGIN
    SELECT array_agg(n.workspace_id), array_agg(n.language::text), array_agg(n.search_vector)
      INTO ws, ls, vs FROM new_rows n WHERE n.status = 'published';
    IF ws IS NOT NULL THEN
      PERFORM kb_stats_apply(ws, ls, vs, 1);
    END IF;
    RETURN NULL;
  END
  $$;
CREATE TRIGGER kb_stats_after_insert
  AFTER INSERT ON knowledge_articles
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kb_stats_after_insert();

CREATE FUNCTION kb_stats_after_update() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    IF OLD.status = 'published' THEN
      PERFORM kb_stats_apply(ARRAY[OLD.workspace_id], ARRAY[OLD.language::text], ARRAY[OLD.search_vector], -1);
    END IF;
    IF NEW.status = 'published' THEN
      PERFORM kb_stats_apply(ARRAY[NEW.workspace_id], ARRAY[NEW.language::text], ARRAY[NEW.search_vector], 1);
    END IF;
    RETURN NULL;
  END
  $$;
CREATE TRIGGER kb_stats_after_update
  AFTER UPDATE OF title, tags, excerpt, meta_description, content, content_text, status, language
  ON knowledge_articles
  FOR EACH ROW WHEN ((OLD.status = 'published' OR NEW.status = 'published')
    AND (OLD.status, OLD.language, OLD.search_vector) IS DISTINCT FROM (NEW.status, NEW.language, NEW.search_vector))
  EXECUTE FUNCTION kb_stats_after_update();

CREATE FUNCTION kb_stats_after_delete() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  DECLARE
    ws bigint[];
    ls text[];
    vs tsvector[];
  BEGIN
    SELECT array_agg(o.workspace_id), array_agg(o.language::text), array_agg(o.search_vector)
      INTO ws, ls, vs FROM old_rows o WHERE o.status = 'published';
    IF ws IS NOT NULL THEN
      PERFORM kb_stats_apply(ws, ls, vs, -1);
    END IF;
    RETURN NULL;
  END
  $$;
CREATE TRIGGER kb_stats_after_delete
  AFTER DELETE ON knowledge_articles
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kb_stats_after_delete();

-- The query's terms as one-lexeme tsqueries (prefix terms keep their :*), each with its idf, and the
-- mean article length, for the workspace and language (every language when p_language is NULL). The
-- terms are read from the tsquery's text, where every operand is a quoted lexeme.
CREATE FUNCTION kb_bm25_query(p_workspace_id bigint, p_language text, p_query tsquery)
  RETURNS TABLE (terms tsquery[], idfs double precision[], avgdl double precision, candidates tsquery)
  LANGUAGE sql STABLE
  AS $$
    WITH corpus AS (
      SELECT coalesce(sum(c.doc_count), 0)::float8 AS n,
        greatest(coalesce(sum(c.total_length)::float8 / nullif(sum(c.doc_count), 0), 1), 1) AS avgdl
      FROM kb_corpus_stats c
      WHERE c.workspace_id = p_workspace_id AND (p_language IS NULL OR c.language = p_language)
    ), operands AS (
      SELECT DISTINCT replace(m[1], '''''', '''') AS lexeme, m[2] IS NOT NULL AS prefix
      FROM regexp_matches(p_query::text, '''((?:[^'']|'''')*)''(:\*)?', 'g') AS m
    ), frequencies AS (
      SELECT o.lexeme, o.prefix,
        CASE WHEN o.prefix THEN
          (SELECT max(d.df) FROM (
             SELECT sum(s.doc_count) AS df FROM kb_term_stats s
             WHERE s.workspace_id = p_workspace_id AND (p_language IS NULL OR s.language = p_language)
               AND s.lexeme >= o.lexeme AND s.lexeme < o.lexeme || chr(1114111)
             GROUP BY s.lexeme) AS d)
        ELSE
          (SELECT sum(s.doc_count) FROM kb_term_stats s
           WHERE s.workspace_id = p_workspace_id AND (p_language IS NULL OR s.language = p_language)
             AND s.lexeme = o.lexeme)
        END AS df
      FROM operands o
    )
    SELECT array_agg(f.q),
      array_agg(ln(1 + (c.n - least(coalesce(f.df, 0), c.n) + 0.5) / (least(coalesce(f.df, 0), c.n) + 0.5))),
      c.avgdl,
      -- Any-word queries (only | between operands): the words in at most half the articles select the
      -- candidates (words in none select nothing; NULL when no word qualifies: all of them select).
      CASE WHEN p_query::text !~ '[&!<]' THEN
        (SELECT string_agg(r.q::text, ' | ')::tsquery FROM unnest(array_agg(f.q), array_agg(f.df)) AS r(q, df)
         WHERE r.df > 0 AND r.df <= c.n / 2)
      END
    FROM (SELECT x.*, (quote_literal(x.lexeme) || CASE WHEN x.prefix THEN ':*' ELSE '' END)::tsquery AS q
          FROM frequencies x) AS f
    CROSS JOIN corpus c
    GROUP BY c.avgdl, c.n
  $$;

-- BM25 of one article for the terms of kb_bm25_query (k1 1.2, b 0.75; field weights in the module
-- comment: ts_rank_cd's weights are {D, C, B, A} and at most 1, hence the factor 4), mapped to 0..1.
CREATE FUNCTION kb_bm25_rank(p_vector tsvector, p_terms tsquery[], p_idfs double precision[], p_avgdl double precision)
  RETURNS double precision
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT s / (s + 10)
    FROM (
      SELECT coalesce(sum(t.idf * x.tf * 2.2
               / (x.tf + 1.2 * (0.25 + 0.75 * length(p_vector) / coalesce(p_avgdl, 1)))), 0) AS s
      FROM unnest(p_terms, p_idfs) AS t(q, idf),
        LATERAL (SELECT 4 * ts_rank_cd('{0.25, 0.375, 0.5, 1.0}', p_vector, t.q, 0)::float8 AS tf) AS x
      WHERE x.tf > 0
    ) AS score
  $$;

-- As in 0014, ranked by kb_bm25_rank.
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
        SELECT c.id, kb_bm25_rank(c.search_vector, $11, $12, $13) AS rank
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
    terms tsquery[];
    narrowed tsquery;
    any_words boolean;
    idfs double precision[];
    avgdl double precision;
    bitmap_setting text := current_setting('enable_bitmapscan');
    seqscan_setting text := current_setting('enable_seqscan');
  BEGIN
    IF p_workspace_id IS DISTINCT FROM app_workspace_id() OR p_query IS NULL OR numnode(p_query) = 0 THEN
      RETURN;
    END IF;
    SELECT s.terms, s.idfs, s.avgdl, s.candidates INTO terms, idfs, avgdl, narrowed
      FROM kb_bm25_query(p_workspace_id, p_language, p_query) AS s;
    -- An any-word query of several words is ranked over all its matches (up to walk_above), not over
    -- the most read ones: the most read articles say nothing about which one answers a long question.
    any_words := narrowed IS NOT NULL AND numnode(p_query) > 1;
    p_query := coalesce(narrowed, p_query);
    filters := format(' %s %s %s',
      CASE WHEN p_public THEN 'AND (a.category_id IS NULL OR a.category_id IN (SELECT id FROM visible))' ELSE '' END,
      CASE WHEN p_category_id IS NOT NULL THEN 'AND a.category_id IN (SELECT id FROM scope)' ELSE '' END,
      CASE WHEN p_tag IS NOT NULL THEN 'AND $7 = ANY (kb_tag_array(a.tags))' ELSE '' END);

    IF p_public AND p_language IS NOT NULL AND NOT any_words THEN
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
            p_after_rank, p_after_id, p_limit, terms, idfs, avgdl;
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
        p_after_rank, p_after_id, p_limit, terms, idfs, avgdl;
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
        p_after_rank, p_after_id, p_limit, terms, idfs, avgdl;
    PERFORM set_config('enable_bitmapscan', bitmap_setting, true),
      set_config('enable_seqscan', seqscan_setting, true);
    RETURN QUERY SELECT u.id, u.rank FROM unnest(ids, ranks) WITH ORDINALITY AS u(id, rank, i) ORDER BY u.i;
  END
  $$;