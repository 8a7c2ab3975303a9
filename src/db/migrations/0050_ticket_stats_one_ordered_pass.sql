-- Ticket term statistics (0040) written in one ordered pass per change, so that concurrent writers
-- cannot deadlock on the rows of common words.
--
-- 0040 applied an edit as two calls: remove the old vector (locking its words' rows and then the
-- corpus row) and add the new one (locking the new words' rows). A writer holding the corpus row and
-- waiting for a word another writer removed, while that one waited for the corpus row, deadlocked:
-- two agents editing tickets that share common words ("order", "refund") at the same moment made one
-- of them fail (search-stats-concurrency.test.ts). Now a change is one call with the old and the new
-- vectors: the net change per word (words in both are not touched, so not locked), written in key
-- order, then the corpus rows in key order, skipped when nothing changed (an edit keeping the same
-- number of distinct words does not lock the workspace's corpus row at all). Every writer takes its
-- locks in that one order, so no cycle can form.
--
-- Removal still never creates rows: a cascade that already deleted the statistics (a workspace being
-- deleted) does not recreate them.

CREATE FUNCTION support_ticket_stats_change(
  p_kind char,
  p_old_workspace_ids bigint[],
  p_old_vectors tsvector[],
  p_new_workspace_ids bigint[],
  p_new_vectors tsvector[]
) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  BEGIN
    WITH docs AS (
      SELECT r.w, r.v, -1 AS sign FROM unnest(p_old_workspace_ids, p_old_vectors) AS r(w, v)
      UNION ALL
      SELECT r.w, r.v, 1 FROM unnest(p_new_workspace_ids, p_new_vectors) AS r(w, v)
    ), delta AS (
      SELECT d.w, x AS lexeme, sum(d.sign)::integer AS n
      FROM docs d, unnest(tsvector_to_array(d.v)) AS x
      GROUP BY 1, 2 HAVING sum(d.sign) <> 0
    )
    INSERT INTO support_ticket_term_stats AS s (workspace_id, kind, lexeme, doc_count)
      SELECT d.w, p_kind, d.lexeme, d.n FROM delta d
      WHERE d.n > 0 OR EXISTS (SELECT 1 FROM support_ticket_term_stats e
                                WHERE e.workspace_id = d.w AND e.kind = p_kind AND e.lexeme = d.lexeme)
      ORDER BY d.w, d.lexeme
      ON CONFLICT (workspace_id, kind, lexeme) DO UPDATE SET doc_count = s.doc_count + excluded.doc_count;
    -- Only rows this call lowered, all locked by it above.
    DELETE FROM support_ticket_term_stats s
      USING (SELECT DISTINCT r.w, x
             FROM unnest(p_old_workspace_ids, p_old_vectors) AS r(w, v), unnest(tsvector_to_array(r.v)) AS x) AS d
      WHERE s.workspace_id = d.w AND s.kind = p_kind AND s.lexeme = d.x AND s.doc_count <= 0;
    WITH docs AS (
      SELECT r.w, length(r.v) AS len, -1 AS sign FROM unnest(p_old_workspace_ids, p_old_vectors) AS r(w, v)
      UNION ALL
      SELECT r.w, length(r.v), 1 FROM unnest(p_new_workspace_ids, p_new_vectors) AS r(w, v)
    ), delta AS (
      SELECT d.w, sum(d.sign)::integer AS n, coalesce(sum(d.sign * d.len), 0)::bigint AS len
      FROM docs d GROUP BY 1
      HAVING sum(d.sign) <> 0 OR coalesce(sum(d.sign * d.len), 0) <> 0
    )
    INSERT INTO support_ticket_corpus_stats AS s (workspace_id, kind, doc_count, total_length)
      SELECT d.w, p_kind, d.n, d.len FROM delta d
      WHERE d.n > 0 OR EXISTS (SELECT 1 FROM support_ticket_corpus_stats e
                                WHERE e.workspace_id = d.w AND e.kind = p_kind)
      ORDER BY d.w
      ON CONFLICT (workspace_id, kind) DO UPDATE
        SET doc_count = s.doc_count + excluded.doc_count, total_length = s.total_length + excluded.total_length;
  END
  $$;

CREATE OR REPLACE FUNCTION support_ticket_stats_after_insert() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  DECLARE
    kind char := CASE WHEN TG_TABLE_NAME = 'support_tickets' THEN 't' ELSE 'm' END;
    ws bigint[];
    vs tsvector[];
  BEGIN
    IF kind = 't' THEN
      SELECT array_agg(n.workspace_id), array_agg(n.search_vector) INTO ws, vs FROM new_tickets n;
    ELSE
      SELECT array_agg(n.workspace_id), array_agg(n.search_vector) INTO ws, vs
        FROM new_messages n WHERE n.message_type <> 'system';
    END IF;
    IF ws IS NOT NULL THEN
      PERFORM support_ticket_stats_change(kind, '{}', '{}', ws, vs);
    END IF;
    RETURN NULL;
  END
  $$;

CREATE OR REPLACE FUNCTION support_ticket_stats_after_delete() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  DECLARE
    kind char := CASE WHEN TG_TABLE_NAME = 'support_tickets' THEN 't' ELSE 'm' END;
    ws bigint[];
    vs tsvector[];
  BEGIN
    IF kind = 't' THEN
      SELECT array_agg(o.workspace_id), array_agg(o.search_vector) INTO ws, vs FROM old_tickets o;
    ELSE
      SELECT array_agg(o.workspace_id), array_agg(o.search_vector) INTO ws, vs
        FROM old_messages o WHERE o.message_type <> 'system';
    END IF;
    IF ws IS NOT NULL THEN
      PERFORM support_ticket_stats_change(kind, ws, vs, '{}', '{}');
    END IF;
    RETURN NULL;
  END
  $$;

CREATE OR REPLACE FUNCTION support_ticket_stats_after_update() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    PERFORM support_ticket_stats_change('t', ARRAY[OLD.workspace_id], ARRAY[OLD.search_vector],
      ARRAY[NEW.workspace_id], ARRAY[NEW.search_vector]);
    RETURN NULL;
  END
  $$;

CREATE OR REPLACE FUNCTION support_message_stats_after_update() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  DECLARE
    counted_old boolean := OLD.message_type <> 'system';
    counted_new boolean := NEW.message_type <> 'system';
  BEGIN
    PERFORM support_ticket_stats_change('m',
      CASE WHEN counted_old THEN ARRAY[OLD.workspace_id] ELSE '{}' END,
      CASE WHEN counted_old THEN ARRAY[OLD.search_vector] ELSE '{}' END,
      CASE WHEN counted_new THEN ARRAY[NEW.workspace_id] ELSE '{}' END,
      CASE WHEN counted_new THEN ARRAY[NEW.search_vector] ELSE '{}' END);
    RETURN NULL;
  END
  $$;

DROP FUNCTION support_ticket_stats_apply(char, bigint[], tsvector[], integer);
