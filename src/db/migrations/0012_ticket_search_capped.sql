-- Ticket search that stays fast for common words. support_ticket_search (0005) returned every matching
-- id, so a word found in half the workspace's tickets made the list collect, union and join tens of
-- thousands of ids to show 25 of them. This function first tests the workspace's 200 newest tickets:
-- when at least 10 of them match, the word is common and it answers ids = NULL at once — the list then
-- walks its sort index, testing each ticket with the returned tsquery, and finds a page within a few
-- hundred rows. Otherwise it collects at most p_cap + 1 ids per branch: within p_cap the ids are complete
-- and the list filters by them (selective searches, index driven as before); beyond it, ids = NULL again.
-- Runs as the schema owner for the reason given in 0005 (RLS keeps GIN from being used as bfg2_app).
CREATE FUNCTION support_ticket_search_plan(
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
    tsq tsquery;
    found bigint[];
    sampled bigint;
  BEGIN
    IF p_workspace_id IS DISTINCT FROM app_workspace_id() THEN
      ids := '{}';
      RETURN NEXT;
      RETURN;
    END IF;
    tsq := websearch_to_tsquery(support_workspace_search_config(p_workspace_id), unaccent(coalesce(p_query, '')));
    IF numnode(tsq) = 0 THEN
      tsq := NULL;
    END IF;
    -- OFFSET 0 keeps the EXISTS a per-ticket probe (else it may be planned as a hash of every match).
    IF tsq IS NOT NULL THEN
      EXECUTE
        'SELECT count(*) FROM (
           SELECT id, search_vector FROM support_tickets WHERE workspace_id = $1
            ORDER BY created_at DESC, id DESC LIMIT 200) t
          WHERE t.search_vector @@ $2
             OR EXISTS (SELECT 1 FROM support_ticket_messages m
                         WHERE m.workspace_id = $1 AND m.ticket_id = t.id AND m.search_vector @@ $2
                           AND ($3 OR (NOT m.is_internal AND m.message_type <> ''system'')) OFFSET 0)'
        INTO sampled
        USING p_workspace_id, tsq, p_include_internal;
      IF sampled >= 10 THEN
        ids := NULL;
        query := tsq;
        RETURN NEXT;
        RETURN;
      END IF;
    END IF;
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
      USING p_workspace_id, tsq, p_include_internal,
        CASE WHEN p_number_prefix <> '' THEN replace(replace(replace(p_number_prefix, '\', '\\'), '%', '\%'), '_', '\_') || '%' END,
        CASE WHEN p_email_prefix <> '' THEN replace(replace(replace(lower(p_email_prefix), '\', '\\'), '%', '\%'), '_', '\_') || '%' END,
        p_cap + 1;
    ids := CASE WHEN cardinality(found) > p_cap THEN NULL ELSE found END;
    query := tsq;
    RETURN NEXT;
  END
  $$;

DROP FUNCTION support_ticket_search(bigint, text, boolean, text, text);
