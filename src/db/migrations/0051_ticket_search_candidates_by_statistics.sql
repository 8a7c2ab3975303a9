-- Tickets: support_ticket_search_ranked (0040) chose how to collect its candidates by trying: it asked
-- support_ticket_search_plan, which tests the 200 newest tickets (a message probe for each one that
-- does not match by itself), then collected the matches through the GIN indexes up to p_cap + 1, and
-- only when that overflowed walked the newest tickets testing each one. A word in a few percent of the
-- tickets ("zeppelin" in the bench: ~2,500 of 50,000) paid all three: the sample, an overflowing
-- collection, and a walk through thousands of tickets with a message probe each to find the 500 newest
-- matches. The term statistics it reads anyway for the idfs bound the number of matches: a ticket
-- matches a word only if its own vector or one of its messages' holds it, so df(ticket) + df(message)
-- of the rarest word of an AND query (the sum over an OR query or a prefix) is at most the number of
-- matching tickets. Now, for a full-text query (no ticket number or email prefix):
--   bound <= p_cap * 20: every match is collected through the GIN indexes at once and the newest p_cap
--     of them kept (one statement, no probes);
--   larger: the newest-first walk, as before (a common word finds p_cap matches within a few times
--     p_cap tickets).
-- A query with a number or email prefix keeps 0040's way. The result is the same set in every case:
-- every match when there are at most p_cap, else the newest p_cap; the scoring is 0040's.
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
    cfg regconfig;
    text_query text;
    tsq tsquery;
    terms tsquery[];
    idfs_t double precision[];
    idfs_m double precision[];
    avgdl_t double precision;
    avgdl_m double precision;
    bound double precision;
    number_like text := CASE WHEN p_number_prefix <> '' THEN
      replace(replace(replace(p_number_prefix, '\', '\\'), '%', '\%'), '_', '\_') || '%' END;
    email_like text := CASE WHEN p_email_prefix <> '' THEN
      replace(replace(replace(lower(p_email_prefix), '\', '\\'), '%', '\%'), '_', '\_') || '%' END;
  BEGIN
    IF p_workspace_id IS DISTINCT FROM app_workspace_id() THEN
      RETURN;
    END IF;
    -- As support_ticket_search_plan (0015) parses it.
    cfg := support_workspace_search_config(p_workspace_id);
    text_query := unaccent(coalesce(p_query, ''));
    IF to_tsvector(cfg, text_query) <> ''::tsvector THEN
      tsq := websearch_to_tsquery(cfg, text_query);
      IF numnode(tsq) = 0 THEN
        tsq := NULL;
      END IF;
    END IF;
    IF tsq IS NOT NULL THEN
      -- The statistics, read once: idfs and mean lengths for the score, and the bound on the matches.
      WITH corpus AS (
        SELECT c.kind, c.doc_count::float8 AS n,
          greatest(c.total_length::float8 / nullif(c.doc_count, 0), 1) AS avgdl
        FROM support_ticket_corpus_stats c WHERE c.workspace_id = p_workspace_id
      ), operands AS (
        SELECT DISTINCT replace(m[1], '''''', '''') AS lexeme, m[2] IS NOT NULL AS prefix
        FROM regexp_matches(tsq::text, '''((?:[^'']|'''')*)''(:\*)?', 'g') AS m
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
      )
      SELECT array_agg((quote_literal(o.lexeme) || CASE WHEN o.prefix THEN ':*' ELSE '' END)::tsquery
               ORDER BY o.lexeme, o.prefix),
        array_agg(coalesce(it.idf, 0) ORDER BY o.lexeme, o.prefix),
        array_agg(coalesce(im.idf, 0) ORDER BY o.lexeme, o.prefix),
        (SELECT c.avgdl FROM corpus c WHERE c.kind = 't'),
        (SELECT c.avgdl FROM corpus c WHERE c.kind = 'm'),
        -- Negation can match tickets without any of the words: no bound.
        CASE WHEN tsq::text ~ '!' THEN NULL
             WHEN tsq::text ~ '\|' THEN (SELECT sum(b.matches) FROM bounds b)
             ELSE (SELECT coalesce(min(b.matches), 0) FROM bounds b) END
        INTO terms, idfs_t, idfs_m, avgdl_t, avgdl_m, bound
      FROM operands o
      LEFT JOIN idf it ON it.lexeme = o.lexeme AND it.prefix = o.prefix AND it.kind = 't'
      LEFT JOIN idf im ON im.lexeme = o.lexeme AND im.prefix = o.prefix AND im.kind = 'm';
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
      -- 0040's way: the matches through the indexes while there are at most p_cap of them.
      EXECUTE
        'SELECT coalesce(array_agg(id), ''{}'') FROM (
           (SELECT id FROM support_tickets WHERE workspace_id = $1 AND search_vector @@ $2 LIMIT $6)
           UNION
           (SELECT ticket_id FROM support_ticket_messages
             WHERE workspace_id = $1 AND search_vector @@ $2
               AND ($3 OR (NOT is_internal AND message_type <> ''system'')) LIMIT $6)
           UNION
           (SELECT id FROM support_tickets WHERE workspace_id = $1 AND ticket_number LIKE $4 LIMIT $6)
           UNION
           (SELECT t.id FROM customers c
              JOIN support_tickets t ON t.workspace_id = c.workspace_id AND t.customer_id = c.id
             WHERE c.workspace_id = $1 AND lower(c.email) LIKE $5 LIMIT $6)
         ) s'
        INTO found
        USING p_workspace_id, tsq, p_include_internal, number_like, email_like, p_cap + 1;
      IF cardinality(found) > p_cap THEN
        found := NULL;
      END IF;
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
