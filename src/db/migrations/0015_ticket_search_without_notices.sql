-- Ticket search raises no notices. support_ticket_search_plan (0012) parsed every query with
-- websearch_to_tsquery, which raises a NOTICE ("text-search query doesn't contain lexemes") inside the
-- function for a query of stop words or punctuation. Nobody reads those notices, and they were a suspect
-- in the embedded database's ERRORDATA_STACK_SIZE abort (which turned out to happen without them too:
-- see src/db/pglite-warm-up.ts). Same function otherwise.
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
    cfg regconfig;
    text_query text;
    tsq tsquery;
    found bigint[];
    sampled bigint;
  BEGIN
    IF p_workspace_id IS DISTINCT FROM app_workspace_id() THEN
      ids := '{}';
      RETURN NEXT;
      RETURN;
    END IF;
    -- websearch_to_tsquery raises a notice for text without lexemes (stop words, punctuation, ''): only
    -- text with something searchable is parsed; otherwise there is no full-text branch (tsq NULL).
    cfg := support_workspace_search_config(p_workspace_id);
    text_query := unaccent(coalesce(p_query, ''));
    IF to_tsvector(cfg, text_query) <> ''::tsvector THEN
      tsq := websearch_to_tsquery(cfg, text_query);
      IF numnode(tsq) = 0 THEN
        tsq := NULL;
      END IF;
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
