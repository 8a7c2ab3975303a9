-- Ticket search that stays fast for common words. support_ticket_search (0005) returned every matching
-- id, so a word found in half the workspace's tickets made the list collect, union and join tens of
-- thousands of ids to show 25 of them. This function collects at most p_cap + 1 ids per branch: when the
-- union stays within p_cap the ids are complete and the list filters by them (selective searches, index
-- driven as before); otherwise it answers ids = NULL and the list walks its sort index instead, testing
-- each ticket with the returned tsquery, which finds a page quickly precisely because matches are common.
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
