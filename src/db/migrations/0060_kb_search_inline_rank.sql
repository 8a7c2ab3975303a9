-- KB search: the ranking written into the statement, and no all-matches pass for words the statistics
-- already show in thousands of articles.
--
-- 1. kb_search_ids (0027) ranked its candidates with kb_bm25_rank, a SQL function with a subquery over
--    the terms: not inlinable, so PostgreSQL ran it as a function call per candidate (200 or up to
--    2,000 per search). The same score is now one expression per term written into the statement by
--    support_ticket_bm25_sql (0040), as the ticket search does: 200 candidates of the 100,000-article
--    bench ranked in 1.8–3.1 ms instead of 3.2–4.8 ms. kb_bm25_rank is dropped (nothing else calls it).
-- 2. An any-word query of several words (or a query of one word) first collected up to 2,001 matches to
--    rank them all, and only on finding more than 2,000 walked the most read articles instead. When
--    the word statistics already say the query matches more than twice that many published articles
--    (the most frequent searched word is in that many), the collection is skipped: for "refund" in the
--    bench it read 2,001 rows and their vectors for nothing. kb_bm25_query returns that count (max_df).
DROP FUNCTION kb_bm25_rank(tsvector, tsquery[], double precision[], double precision);
DROP FUNCTION kb_bm25_query(bigint, text, tsquery);

-- As in 0057, plus max_df.
CREATE FUNCTION kb_bm25_query(p_workspace_id bigint, p_language text, p_query tsquery)
  RETURNS TABLE (terms tsquery[], idfs double precision[], avgdl double precision, candidates tsquery,
    max_df double precision)
  LANGUAGE sql STABLE
  AS $$
    WITH languages AS (
      SELECT c.language, c.doc_count, c.total_length FROM kb_corpus_stats c
      WHERE c.workspace_id = p_workspace_id AND (p_language IS NULL OR c.language = p_language)
    ), corpus AS (
      SELECT coalesce(sum(l.doc_count), 0)::float8 AS n,
        greatest(coalesce(sum(l.total_length)::float8 / nullif(sum(l.doc_count), 0), 1), 1) AS avgdl
      FROM languages l
    ), operands AS (
      SELECT DISTINCT o.lexeme, o.prefix, o.term FROM search_tsquery_operands(p_query) AS o
    ), frequencies AS (
      SELECT o.lexeme, o.prefix, o.term,
        CASE WHEN o.prefix THEN
          (SELECT max(d.df) FROM (
             SELECT sum(s.doc_count) AS df FROM languages l
               JOIN kb_term_stats s ON s.workspace_id = p_workspace_id AND s.language = l.language
                 AND s.lexeme >= o.lexeme AND s.lexeme < o.lexeme || chr(1114111)
             GROUP BY s.lexeme) AS d)
        ELSE
          (SELECT sum(s.doc_count) FROM languages l
             JOIN kb_term_stats s ON s.workspace_id = p_workspace_id AND s.language = l.language
               AND s.lexeme = o.lexeme)
        END AS df
      FROM operands o
    )
    SELECT array_agg(f.term),
      array_agg(ln(1 + (c.n - least(coalesce(f.df, 0), c.n) + 0.5) / (least(coalesce(f.df, 0), c.n) + 0.5))),
      c.avgdl,
      -- Any-word queries (only | between operands): the words in at most half the articles select the
      -- candidates (words in none select nothing; NULL when no word qualifies: all of them select).
      CASE WHEN strpos(p_query::text, '&') + strpos(p_query::text, '!') + strpos(p_query::text, '<') = 0 THEN
        (SELECT string_agg(r.q::text, ' | ')::tsquery FROM unnest(array_agg(f.term), array_agg(f.df)) AS r(q, df)
         WHERE r.df > 0 AND r.df <= c.n / 2)
      END,
      -- The most articles any one word of the searched query is in: of `candidates` when it is set,
      -- else of all the words.
      coalesce(max(f.df) FILTER (WHERE f.df <= c.n / 2 AND strpos(p_query::text, '&') + strpos(p_query::text, '!')
                                      + strpos(p_query::text, '<') = 0),
               max(f.df))::float8
    FROM frequencies f
    CROSS JOIN corpus c
    GROUP BY c.avgdl, c.n
  $$;

-- As in 0027, with the two changes above.
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
        SELECT c.id, (SELECT b.s / (b.s + 10) FROM (SELECT %s OFFSET 0) AS b(s)) AS rank
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
    -- BM25 (0027, weights of 0042) of a candidate's vector, one term after another in one expression:
    -- kb_bm25_rank, a SQL function called once per candidate, cost more than the arithmetic.
    bm25 text;
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
    max_df double precision;
    bitmap_setting text := current_setting('enable_bitmapscan');
    seqscan_setting text := current_setting('enable_seqscan');
  BEGIN
    IF p_workspace_id IS DISTINCT FROM app_workspace_id() OR p_query IS NULL OR numnode(p_query) = 0 THEN
      RETURN;
    END IF;
    SELECT s.terms, s.idfs, s.avgdl, s.candidates, s.max_df INTO terms, idfs, avgdl, narrowed, max_df
      FROM kb_bm25_query(p_workspace_id, p_language, p_query) AS s;
    -- An any-word query of several words is ranked over all its matches (up to walk_above), not over
    -- the most read ones: the most read articles say nothing about which one answers a long question.
    any_words := narrowed IS NOT NULL AND numnode(p_query) > 1;
    bm25 := support_ticket_bm25_sql('c.search_vector', coalesce(cardinality(terms), 0), 11, 12, 13,
      '{0.0625, 0.375, 0.5, 1.0}', '4');
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
            || format(ranked_page, bm25, cap)
          INTO n, ids, ranks
          USING p_workspace_id, p_language, p_query, p_public, p_statuses, p_category_id, p_tag,
            p_after_rank, p_after_id, p_limit, terms, idfs, coalesce(avgdl, 1);
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
    -- Skipped when the term statistics (published articles) already show more than twice walk_above
    -- matches: an any-word query (or a one-word one) matches every article that holds its most frequent
    -- word, and every status includes the published ones. Not with a category or tag filter, which the
    -- statistics know nothing about; the visible-category filter is what the margin of 2 is for.
    IF NOT (coalesce(max_df, 0) > 2 * walk_above
            AND strpos(p_query::text, '&') + strpos(p_query::text, '!') + strpos(p_query::text, '<') = 0
            AND (p_public OR p_statuses IS NULL) AND p_category_id IS NULL AND p_tag IS NULL) THEN
      EXECUTE scopes
          || format(', candidates AS MATERIALIZED (SELECT a.id, a.search_vector %s LIMIT %s)', matches, walk_above + 1)
          || format(ranked_page, bm25, walk_above)
        INTO n, ids, ranks
        USING p_workspace_id, p_language, p_query, p_public, p_statuses, p_category_id, p_tag,
          p_after_rank, p_after_id, p_limit, terms, idfs, coalesce(avgdl, 1);
      IF n <= walk_above THEN
        RETURN QUERY SELECT u.id, u.rank FROM unnest(ids, ranks) WITH ORDINALITY AS u(id, rank, i) ORDER BY u.i;
        RETURN;
      END IF;
    END IF;
    -- The most read matches, walking the (…, view_count DESC) index until `cap` of them matched. The
    -- planner underestimates broad tsqueries and would rather collect and sort every match.
    PERFORM set_config('enable_bitmapscan', 'off', true), set_config('enable_seqscan', 'off', true);
    EXECUTE scopes
        || format(', candidates AS MATERIALIZED (SELECT a.id, a.search_vector %s ORDER BY a.view_count DESC, a.id LIMIT %s)',
             matches, cap)
        || format(ranked_page, bm25, cap)
      INTO n, ids, ranks
      USING p_workspace_id, p_language, p_query, p_public, p_statuses, p_category_id, p_tag,
        p_after_rank, p_after_id, p_limit, terms, idfs, coalesce(avgdl, 1);
    PERFORM set_config('enable_bitmapscan', bitmap_setting, true),
      set_config('enable_seqscan', seqscan_setting, true);
    RETURN QUERY SELECT u.id, u.rank FROM unnest(ids, ranks) WITH ORDINALITY AS u(id, rank, i) ORDER BY u.i;
  END
  $$;
