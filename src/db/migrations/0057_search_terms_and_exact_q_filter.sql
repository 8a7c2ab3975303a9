-- Search: the q filter of the ticket lists decides by the term statistics, not by a sample; an exact
-- collection of matching tickets; one place that reads a query's terms and statistics.
--
-- 1. The q filter (support_ticket_search_plan, 0012/0015) tested the 200 newest tickets (a message
--    probe for each one that did not match by itself) on every search, and when 10 of them matched
--    handed the list a per-ticket test. The sample said nothing about the other tickets: a word in 12
--    tickets that happened to be the newest made the list test ticket after ticket, through the whole
--    workspace when another filter was selective; and the 200 probes were paid by every search. The
--    term statistics (0040) answer it for every ticket at once: a lone word (or any-of words) is in at
--    least df(tickets) tickets, since a ticket whose own vector holds it matches. When that is more than
--    p_cap, or when the words could be in more than p_cap * 20 (0051's threshold for walking), the
--    per-ticket test at once; otherwise the matches are collected, as before.
-- 2. The collection (0012, and 0051's "0040's way") read at most p_cap + 1 rows per branch and took the
--    ids as complete when their union had at most p_cap: but the message branch reads messages, several
--    per ticket, so a cut-off branch could still give fewer than p_cap tickets, and the tickets of the
--    messages past the cut were missing from the list and the ranking. Now a branch that reaches its
--    limit makes the collection incomplete (NULL: the caller walks instead).
-- 3. The query's terms, their idfs and the bounds on the matches are read in one function for the q
--    filter and the ranking (support_ticket_query_stats), the query parsed in one
--    (support_ticket_tsquery), the matches collected in one (support_ticket_collect_matches).

-- The ticket search's tsquery in the workspace's language (0015): NULL for text without lexemes
-- (websearch_to_tsquery would raise a notice for it).
CREATE FUNCTION support_ticket_tsquery(p_workspace_id bigint, p_query text) RETURNS tsquery
  LANGUAGE plpgsql STABLE
  AS $$
  DECLARE
    cfg regconfig := support_workspace_search_config(p_workspace_id);
    text_query text := unaccent(coalesce(p_query, ''));
    tsq tsquery;
  BEGIN
    IF to_tsvector(cfg, text_query) <> ''::tsvector THEN
      tsq := websearch_to_tsquery(cfg, text_query);
    END IF;
    RETURN CASE WHEN numnode(tsq) > 0 THEN tsq END;
  END
  $$;

-- The operands of a tsquery: each lexeme (as stored in the vectors), whether it is a prefix (:*), and
-- the one-operand tsquery that matches it. Read from the tsquery's text without a regular expression:
-- split at the quotes, an operand is the text between an opening and a closing quote, where a doubled
-- quote stands for a quote of the lexeme (an empty part between two parts of the lexeme: the text
-- between two operands is never empty, it holds an operator) and a doubled backslash for a backslash.
CREATE FUNCTION search_tsquery_operands(p_query tsquery)
  RETURNS TABLE (lexeme text, prefix boolean, term tsquery)
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE STRICT
  ROWS 4
  AS $$
  DECLARE
    parts text[] := string_to_array(p_query::text, '''');
    n integer := cardinality(parts);
    -- parts[1] is the text before the first operand; i is at the first part of an operand.
    i integer := 2;
    quoted text;
  BEGIN
    WHILE i <= n LOOP
      quoted := parts[i];
      i := i + 1;
      WHILE i < n AND parts[i] = '' LOOP
        quoted := quoted || '''''' || parts[i + 1];
        i := i + 2;
      END LOOP;
      -- parts[i]: the text after the operand (its :* and weights, an operator).
      lexeme := replace(replace(quoted, '''''', ''''), '\\', '\');
      prefix := starts_with(coalesce(parts[i], ''), ':*');
      term := ('''' || quoted || '''' || CASE WHEN prefix THEN ':*' ELSE '' END)::tsquery;
      RETURN NEXT;
      i := i + 1;
    END LOOP;
  END
  $$;

-- `p_prefix` (a ticket number or an email address being typed) as a LIKE pattern; NULL for ''.
CREATE FUNCTION support_like_prefix(p_prefix text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT CASE WHEN p_prefix <> '' THEN
      replace(replace(replace(p_prefix, '\', '\\'), '%', '\%'), '_', '\_') || '%' END
  $$;

-- The terms of a ticket search (one-operand tsqueries) with their idfs among tickets and among
-- messages (0040's score), the mean lengths, and what the statistics say about the number of matching
-- tickets: at_most (df in tickets + df in messages of the rarest word of an AND query, the sum over
-- an OR query or a prefix; NULL with a negation, which matches tickets without any of the words) and
-- at_least (a lone word, a prefix or any-of words: the tickets whose own vector holds the most common
-- of them all match; else 0).
CREATE FUNCTION support_ticket_query_stats(p_workspace_id bigint, p_query tsquery)
  RETURNS TABLE (terms tsquery[], idfs_t double precision[], idfs_m double precision[],
    avgdl_t double precision, avgdl_m double precision, at_least double precision, at_most double precision)
  LANGUAGE sql STABLE
  AS $$
    WITH corpus AS (
      SELECT c.kind, c.doc_count::float8 AS n,
        greatest(c.total_length::float8 / nullif(c.doc_count, 0), 1) AS avgdl
      FROM support_ticket_corpus_stats c WHERE c.workspace_id = p_workspace_id
    ), operands AS (
      SELECT DISTINCT o.lexeme, o.prefix, o.term FROM search_tsquery_operands(p_query) AS o
    ), frequencies AS (
      SELECT o.lexeme, o.prefix, k.kind, k.n, d.most, d.total
      FROM operands o CROSS JOIN corpus k
      CROSS JOIN LATERAL (
        SELECT coalesce(max(s.doc_count), 0)::float8 AS most, coalesce(sum(s.doc_count), 0)::float8 AS total
        FROM support_ticket_term_stats s
        -- One index range either way: the lexeme itself ("x" < "x" || chr(1) in the C collation), or
        -- every lexeme it starts.
        WHERE s.workspace_id = p_workspace_id AND s.kind = k.kind AND s.lexeme >= o.lexeme
          AND s.lexeme < o.lexeme || CASE WHEN o.prefix THEN chr(1114111) ELSE chr(1) END) AS d
    ), idf AS (
      SELECT f.lexeme, f.prefix, f.kind,
        ln(1 + (f.n - least(f.most, f.n) + 0.5) / (least(f.most, f.n) + 0.5)) AS idf
      FROM frequencies f
    ), bounds AS (
      SELECT sum(f.total) AS matches FROM frequencies f GROUP BY f.lexeme, f.prefix
    ), shape AS (
      SELECT strpos(p_query::text, '!') > 0 AS negation,
        strpos(p_query::text, '&') + strpos(p_query::text, '<') + strpos(p_query::text, '!') = 0 AS any_of,
        strpos(p_query::text, '|') > 0 AS alternatives
    )
    SELECT array_agg(o.term ORDER BY o.lexeme, o.prefix),
      array_agg(coalesce(it.idf, 0) ORDER BY o.lexeme, o.prefix),
      array_agg(coalesce(im.idf, 0) ORDER BY o.lexeme, o.prefix),
      (SELECT c.avgdl FROM corpus c WHERE c.kind = 't'),
      (SELECT c.avgdl FROM corpus c WHERE c.kind = 'm'),
      CASE WHEN (SELECT any_of FROM shape) THEN
        (SELECT coalesce(max(f.most), 0) FROM frequencies f WHERE f.kind = 't') ELSE 0 END,
      CASE WHEN (SELECT negation FROM shape) THEN NULL
           WHEN (SELECT alternatives FROM shape) THEN (SELECT sum(b.matches) FROM bounds b)
           ELSE (SELECT coalesce(min(b.matches), 0) FROM bounds b) END
    FROM operands o
    LEFT JOIN idf it ON it.lexeme = o.lexeme AND it.prefix = o.prefix AND it.kind = 't'
    LEFT JOIN idf im ON im.lexeme = o.lexeme AND im.prefix = o.prefix AND im.kind = 'm'
  $$;

-- The tickets matching the search (full text over tickets and their messages, only customer-visible
-- messages unless p_include_internal, ticket-number and customer-email LIKE patterns) when there are
-- at most p_cap of them; NULL when there may be more. Each branch reads at most p_cap + 1 rows; one
-- that reaches that may have been cut (the message branch reads messages, several per ticket), so the
-- collection is then incomplete even if fewer than p_cap tickets came out. EXECUTE: planned with the
-- values (a generic plan cannot judge a tsquery's selectivity).
CREATE FUNCTION support_ticket_collect_matches(p_workspace_id bigint, p_query tsquery,
  p_include_internal boolean, p_number_like text, p_email_like text, p_cap integer) RETURNS bigint[]
  LANGUAGE plpgsql STABLE
  AS $$
  DECLARE
    found bigint[];
    longest integer;
  BEGIN
    EXECUTE
      'SELECT ARRAY(SELECT DISTINCT x FROM unnest(t || m || n || e) AS x),
         greatest(cardinality(t), cardinality(m), cardinality(n), cardinality(e))
       FROM (SELECT
         ARRAY(SELECT id FROM support_tickets WHERE workspace_id = $1 AND search_vector @@ $2 LIMIT $6) AS t,
         ARRAY(SELECT ticket_id FROM support_ticket_messages
                WHERE workspace_id = $1 AND search_vector @@ $2
                  AND ($3 OR (NOT is_internal AND message_type <> ''system'')) LIMIT $6) AS m,
         ARRAY(SELECT id FROM support_tickets WHERE workspace_id = $1 AND ticket_number LIKE $4 LIMIT $6) AS n,
         ARRAY(SELECT t.id FROM customers c
                 JOIN support_tickets t ON t.workspace_id = c.workspace_id AND t.customer_id = c.id
                WHERE c.workspace_id = $1 AND lower(c.email) LIKE $5 LIMIT $6) AS e) s'
      INTO found, longest
      USING p_workspace_id, p_query, p_include_internal, p_number_like, p_email_like, p_cap + 1;
    RETURN CASE WHEN longest > p_cap OR cardinality(found) > p_cap THEN NULL ELSE found END;
  END
  $$;

-- The q filter: the matching ids when there are at most p_cap (the list filters by them), else NULL
-- and the tsquery (the list tests each ticket it walks in its sort order, and stops after a page).
CREATE OR REPLACE FUNCTION support_ticket_search_plan(
  p_workspace_id bigint,
  p_query text,
  p_include_internal boolean,
  p_number_prefix text,
  p_email_prefix text,
  p_cap integer
) RETURNS TABLE (ids bigint[], query tsquery)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  DECLARE
    -- As support_ticket_search_ranked: above p_cap * 20 possible matches, walking is cheaper.
    collect_all constant integer := 20;
    matches_at_least double precision;
    matches_at_most double precision;
  BEGIN
    IF p_workspace_id IS DISTINCT FROM app_workspace_id() THEN
      ids := '{}';
      RETURN NEXT;
      RETURN;
    END IF;
    query := support_ticket_tsquery(p_workspace_id, p_query);
    IF query IS NOT NULL THEN
      SELECT s.at_least, s.at_most INTO matches_at_least, matches_at_most
        FROM support_ticket_query_stats(p_workspace_id, query) AS s;
    END IF;
    -- Certainly more than p_cap matches, or possibly so many (common words in an AND query or a
    -- phrase, which only a collection could count) that the walk finds a page sooner: no collection.
    IF matches_at_least > p_cap OR matches_at_most > p_cap * collect_all THEN
      ids := NULL;
    ELSE
      ids := support_ticket_collect_matches(p_workspace_id, query, p_include_internal,
        support_like_prefix(p_number_prefix), support_like_prefix(lower(p_email_prefix)), p_cap);
    END IF;
    RETURN NEXT;
  END
  $$;

-- As in 0051, with the query's statistics and the collection above.
CREATE OR REPLACE FUNCTION support_ticket_search_ranked(
  p_workspace_id bigint,
  p_query text,
  p_include_internal boolean,
  p_number_prefix text,
  p_email_prefix text,
  p_cap integer
) RETURNS TABLE (id bigint, rank double precision)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  ROWS 100
  AS $$
  DECLARE
    collect_all constant integer := 20;
    found bigint[];
    tsq tsquery;
    terms tsquery[];
    idfs_t double precision[];
    idfs_m double precision[];
    avgdl_t double precision;
    avgdl_m double precision;
    bound double precision;
    number_like text := support_like_prefix(p_number_prefix);
    email_like text := support_like_prefix(lower(p_email_prefix));
  BEGIN
    IF p_workspace_id IS DISTINCT FROM app_workspace_id() THEN
      RETURN;
    END IF;
    tsq := support_ticket_tsquery(p_workspace_id, p_query);
    IF tsq IS NOT NULL THEN
      SELECT s.terms, s.idfs_t, s.idfs_m, s.avgdl_t, s.avgdl_m, s.at_most
        INTO terms, idfs_t, idfs_m, avgdl_t, avgdl_m, bound
        FROM support_ticket_query_stats(p_workspace_id, tsq) AS s;
    END IF;

    IF tsq IS NOT NULL AND number_like IS NULL AND email_like IS NULL AND bound <= p_cap * collect_all THEN
      -- Every match through the GIN indexes, the newest p_cap kept. LATERAL: each match's date by its
      -- key; joined as a set, the planner (expecting a few matches) read the workspace's whole
      -- created_at index instead (50,000 entries for 2,751 matches in the bench).
      EXECUTE
        'SELECT coalesce(array_agg(id), ''{}'') FROM (
           SELECT t.id FROM (
             SELECT id FROM support_tickets WHERE workspace_id = $1 AND search_vector @@ $2
             UNION
             SELECT ticket_id FROM support_ticket_messages
             WHERE workspace_id = $1 AND search_vector @@ $2
               AND ($3 OR (NOT is_internal AND message_type <> ''system''))) AS u(id)
           CROSS JOIN LATERAL (SELECT t.id, t.created_at FROM support_tickets t
                               WHERE t.workspace_id = $1 AND t.id = u.id OFFSET 0) AS t
           ORDER BY t.created_at DESC, t.id DESC LIMIT $4) s'
        INTO found
        USING p_workspace_id, tsq, p_include_internal, p_cap;
    ELSIF tsq IS NULL OR bound IS NULL OR bound <= p_cap * collect_all
          OR number_like IS NOT NULL OR email_like IS NOT NULL THEN
      found := support_ticket_collect_matches(p_workspace_id, tsq, p_include_internal, number_like, email_like,
        p_cap);
    END IF;
    IF found IS NULL THEN
      -- More than p_cap matches: the newest p_cap of them (walking the created_at index).
      EXECUTE
        'SELECT coalesce(array_agg(id), ''{}'') FROM (
           SELECT t.id FROM support_tickets t WHERE t.workspace_id = $1 AND (
               ($2 IS NOT NULL AND t.search_vector @@ $2)
               OR ($2 IS NOT NULL AND EXISTS (SELECT 1 FROM support_ticket_messages m
                    WHERE m.workspace_id = $1 AND m.ticket_id = t.id AND m.search_vector @@ $2
                      AND ($3 OR (NOT m.is_internal AND m.message_type <> ''system'')) OFFSET 0))
               OR t.ticket_number LIKE $4
               OR ($5 IS NOT NULL AND EXISTS (SELECT 1 FROM customers c
                    WHERE c.workspace_id = $1 AND c.id = t.customer_id AND lower(c.email) LIKE $5)))
           ORDER BY t.created_at DESC, t.id DESC LIMIT $6) s'
        INTO found
        USING p_workspace_id, tsq, p_include_internal, number_like, email_like, p_cap;
    END IF;
    IF cardinality(found) = 0 THEN
      RETURN;
    END IF;
    RETURN QUERY EXECUTE format(
      'SELECT t.id,
         CASE WHEN $3 <> '''' AND t.ticket_number = $3 THEN 1000
              WHEN $4 IS NOT NULL AND t.ticket_number LIKE $4 THEN 500 ELSE 0 END
         + %s + 0.5 * coalesce((
             SELECT max(%s) FROM support_ticket_messages m
             WHERE m.workspace_id = $1 AND m.ticket_id = t.id AND m.search_vector @@ $5
               AND ($6 OR (NOT m.is_internal AND m.message_type <> ''system''))), 0)
       FROM support_tickets t WHERE t.workspace_id = $1 AND t.id = ANY ($2)',
      support_ticket_bm25_sql('t.search_vector', coalesce(cardinality(terms), 0), 7, 8, 10, '{0, 0, 0.25, 0.75}', '4'),
      support_ticket_bm25_sql('m.search_vector', coalesce(cardinality(terms), 0), 7, 9, 11, '{1, 1, 1, 1}', '1'))
      USING p_workspace_id, found, p_number_prefix, number_like, tsq, p_include_internal,
        terms, idfs_t, idfs_m, coalesce(avgdl_t, 1), coalesce(avgdl_m, 1);
  END
  $$;

-- As in 0027, with the operands read by search_tsquery_operands and the term statistics looked up per
-- language. 0027 read kb_term_stats with `(p_language IS NULL OR s.language = p_language)`: kb_search_ids
-- runs this statement as a cached plan, and in its generic plan (PL/pgSQL switches to one once it
-- costs no more than the custom ones, which a small or not yet analysed kb_term_stats allows) the
-- language is no index condition, so every operand scanned all of the workspace's lexemes in every
-- language (Seq Scan, 576 rows per operand in the bench's generated KB, a real vocabulary's tens of
-- thousands). Now the languages come from kb_corpus_stats and each lookup is an index range on
-- (workspace, language, lexeme) in every plan.
CREATE OR REPLACE FUNCTION kb_bm25_query(p_workspace_id bigint, p_language text, p_query tsquery)
  RETURNS TABLE (terms tsquery[], idfs double precision[], avgdl double precision, candidates tsquery)
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
      END
    FROM frequencies f
    CROSS JOIN corpus c
    GROUP BY c.avgdl, c.n
  $$;
