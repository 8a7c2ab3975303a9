-- Ticket search by relevance: the candidates are the latest matches by id, not by created_at.
--
-- When a search matches more tickets than it ranks (p_cap, 500), support_ticket_search_ranked ranked
-- the p_cap newest by created_at. For a word in a few thousand tickets that meant looking up the date
-- of every match, one index probe each: in the 1,000,000-ticket bench "zeppelin" (2,920 matches in its
-- workspace) spent 15 of its 46 ms there, and the whole search was over the 30 ms target (p95 58 ms).
-- Now the latest p_cap by id are kept, straight from the union of the two index scans, and a search
-- with more matches than the statistics allow collecting walks the key backwards instead of the
-- created_at index, so both ways choose the same tickets. Ids follow creation in this system; only
-- tickets imported with an older date differ, and they rank among the candidates by the order they
-- came in. Measured on the bench database (function alone, idle): zeppelin 44–62 → 17–19 ms, "order"
-- ~20 → 10–16 ms, "charged twice" 24–33 → ~15 ms.

-- As in 0057, with the candidates chosen by id.
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
      -- Every match through the GIN indexes, the latest p_cap kept (by id: no lookup per match).
      EXECUTE
        'SELECT coalesce(array_agg(id), ''{}'') FROM (
           SELECT id FROM support_tickets WHERE workspace_id = $1 AND search_vector @@ $2
           UNION
           SELECT ticket_id FROM support_ticket_messages
           WHERE workspace_id = $1 AND search_vector @@ $2
             AND ($3 OR (NOT is_internal AND message_type <> ''system''))
           ORDER BY 1 DESC LIMIT $4) s'
        INTO found
        USING p_workspace_id, tsq, p_include_internal, p_cap;
    ELSIF tsq IS NULL OR bound IS NULL OR bound <= p_cap * collect_all
          OR number_like IS NOT NULL OR email_like IS NOT NULL THEN
      found := support_ticket_collect_matches(p_workspace_id, tsq, p_include_internal, number_like, email_like,
        p_cap);
    END IF;
    IF found IS NULL THEN
      -- More than p_cap matches: the latest p_cap of them (walking the key backwards).
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
           ORDER BY t.id DESC LIMIT $6) s'
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
