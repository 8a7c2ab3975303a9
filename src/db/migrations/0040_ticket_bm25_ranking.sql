-- Ticket search ranked by BM25 (sort=relevance), with term statistics kept as tickets change.
--
-- The knowledge base got IDF-aware ranking in 0027; the ticket lists' `q` only filtered (0005, 0012,
-- 0015) and sorted by date. Ranking needs, per workspace, how many documents contain each lexeme and
-- how long documents are. Two kinds of document, each with its own statistics:
--   't' a ticket: its search_vector (subject weight A, description weight B);
--   'm' a message: its search_vector (system messages are boilerplate and are left out).
-- support_ticket_term_stats and support_ticket_corpus_stats hold them, maintained by triggers like
-- kb_term_stats (statement-level for inserts and deletes, so COPY and bulk deletes aggregate once; per
-- row for an update that changes a vector). A merge moves messages to another ticket: their vectors do
-- not change, so neither do the statistics. The vectors already use the workspace's language
-- (support_workspace_search_config), so statistics are per workspace.
--
-- The score of a ticket for the query's lexemes t:
--   bm25_t(ticket) + 0.5 · max over its visible matching messages of bm25_m(message)
--   bm25_k(d) = sum over t of idf_k(t) · tf · 2.2 / (tf + 1.2 · (0.25 + 0.75 · dl / avgdl_k))
--   idf_k(t) = ln(1 + (N_k − df_k(t) + 0.5) / (df_k(t) + 0.5))
-- tf is field-weighted in the ticket (subject 3, description 1 per occurrence: BM25F), read from the
-- stored vector with ts_rank_cd as in 0027; dl is the number of distinct lexemes (length(tsvector)).
-- A ticket whose number starts with the query comes first (exact number before prefix).
--
-- The statistics are written by a SECURITY DEFINER function, for the rows of the statement only: every
-- writer (the application under RLS, jobs, migrations) keeps them right, and nobody reads another
-- workspace's statistics (RLS on both tables).

CREATE TABLE support_ticket_term_stats (
  workspace_id bigint NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  kind char(1) NOT NULL CHECK (kind IN ('t', 'm')),
  lexeme text COLLATE "C" NOT NULL,
  doc_count integer NOT NULL,
  PRIMARY KEY (workspace_id, kind, lexeme)
);

CREATE TABLE support_ticket_corpus_stats (
  workspace_id bigint NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  kind char(1) NOT NULL CHECK (kind IN ('t', 'm')),
  doc_count integer NOT NULL,
  -- Sum of length(search_vector) over the documents.
  total_length bigint NOT NULL,
  PRIMARY KEY (workspace_id, kind)
);

ALTER TABLE support_ticket_term_stats ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON support_ticket_term_stats USING (workspace_id = app_workspace_id())
  WITH CHECK (workspace_id = app_workspace_id());
ALTER TABLE support_ticket_corpus_stats ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON support_ticket_corpus_stats USING (workspace_id = app_workspace_id())
  WITH CHECK (workspace_id = app_workspace_id());

INSERT INTO support_ticket_term_stats (workspace_id, kind, lexeme, doc_count)
  SELECT t.workspace_id, 't', l, count(*)
  FROM support_tickets t, unnest(tsvector_to_array(t.search_vector)) AS l
  GROUP BY 1, 3;
INSERT INTO support_ticket_term_stats (workspace_id, kind, lexeme, doc_count)
  SELECT m.workspace_id, 'm', l, count(*)
  FROM support_ticket_messages m, unnest(tsvector_to_array(m.search_vector)) AS l
  WHERE m.message_type <> 'system'
  GROUP BY 1, 3;
INSERT INTO support_ticket_corpus_stats (workspace_id, kind, doc_count, total_length)
  SELECT t.workspace_id, 't', count(*), coalesce(sum(length(t.search_vector)), 0)
  FROM support_tickets t GROUP BY 1;
INSERT INTO support_ticket_corpus_stats (workspace_id, kind, doc_count, total_length)
  SELECT m.workspace_id, 'm', count(*), coalesce(sum(length(m.search_vector)), 0)
  FROM support_ticket_messages m WHERE m.message_type <> 'system' GROUP BY 1;

-- Adds (p_sign 1) or removes (-1) documents (workspace_id, vector) of one kind. Rows are written in key
-- order, so concurrent writers lock shared rows in the same order. Removal only updates existing rows:
-- a cascade that already deleted the statistics (a workspace being deleted) does not recreate them.
CREATE FUNCTION support_ticket_stats_apply(p_kind char, p_workspace_ids bigint[], p_vectors tsvector[], p_sign integer)
  RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  BEGIN
    IF p_sign > 0 THEN
      INSERT INTO support_ticket_term_stats AS s (workspace_id, kind, lexeme, doc_count)
        SELECT r.w, p_kind, x, count(*)
        FROM unnest(p_workspace_ids, p_vectors) AS r(w, v), unnest(tsvector_to_array(r.v)) AS x
        GROUP BY 1, 3 ORDER BY 1, 3
        ON CONFLICT (workspace_id, kind, lexeme) DO UPDATE SET doc_count = s.doc_count + excluded.doc_count;
      INSERT INTO support_ticket_corpus_stats AS s (workspace_id, kind, doc_count, total_length)
        SELECT r.w, p_kind, count(*), coalesce(sum(length(r.v)), 0)
        FROM unnest(p_workspace_ids, p_vectors) AS r(w, v)
        GROUP BY 1 ORDER BY 1
        ON CONFLICT (workspace_id, kind) DO UPDATE
          SET doc_count = s.doc_count + excluded.doc_count, total_length = s.total_length + excluded.total_length;
    ELSE
      UPDATE support_ticket_term_stats s SET doc_count = s.doc_count - d.n
        FROM (SELECT r.w, x, count(*)::integer AS n
              FROM unnest(p_workspace_ids, p_vectors) AS r(w, v), unnest(tsvector_to_array(r.v)) AS x
              GROUP BY 1, 2 ORDER BY 1, 2) AS d
        WHERE s.workspace_id = d.w AND s.kind = p_kind AND s.lexeme = d.x;
      DELETE FROM support_ticket_term_stats s
        USING (SELECT DISTINCT r.w, x
               FROM unnest(p_workspace_ids, p_vectors) AS r(w, v), unnest(tsvector_to_array(r.v)) AS x) AS d
        WHERE s.workspace_id = d.w AND s.kind = p_kind AND s.lexeme = d.x AND s.doc_count <= 0;
      UPDATE support_ticket_corpus_stats s
        SET doc_count = s.doc_count - d.n, total_length = s.total_length - d.len
        FROM (SELECT r.w, count(*)::integer AS n, coalesce(sum(length(r.v)), 0) AS len
              FROM unnest(p_workspace_ids, p_vectors) AS r(w, v)
              GROUP BY 1 ORDER BY 1) AS d
        WHERE s.workspace_id = d.w AND s.kind = p_kind;
    END IF;
  END
  $$;

-- Statement-level: a COPY of a million tickets aggregates once. Messages of type system are not counted.
CREATE FUNCTION support_ticket_stats_after_insert() RETURNS trigger
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
      PERFORM support_ticket_stats_apply(kind, ws, vs, 1);
    END IF;
    RETURN NULL;
  END
  $$;

CREATE FUNCTION support_ticket_stats_after_delete() RETURNS trigger
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
      PERFORM support_ticket_stats_apply(kind, ws, vs, -1);
    END IF;
    RETURN NULL;
  END
  $$;

-- Per row, only when a vector (or whether a message counts) changed: status changes, assignments and
-- merges (a new ticket_id) cost nothing.
CREATE FUNCTION support_ticket_stats_after_update() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    PERFORM support_ticket_stats_apply('t', ARRAY[OLD.workspace_id], ARRAY[OLD.search_vector], -1);
    PERFORM support_ticket_stats_apply('t', ARRAY[NEW.workspace_id], ARRAY[NEW.search_vector], 1);
    RETURN NULL;
  END
  $$;

CREATE FUNCTION support_message_stats_after_update() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    IF OLD.message_type <> 'system' THEN
      PERFORM support_ticket_stats_apply('m', ARRAY[OLD.workspace_id], ARRAY[OLD.search_vector], -1);
    END IF;
    IF NEW.message_type <> 'system' THEN
      PERFORM support_ticket_stats_apply('m', ARRAY[NEW.workspace_id], ARRAY[NEW.search_vector], 1);
    END IF;
    RETURN NULL;
  END
  $$;

CREATE TRIGGER support_ticket_stats_after_insert
  AFTER INSERT ON support_tickets REFERENCING NEW TABLE AS new_tickets
  FOR EACH STATEMENT EXECUTE FUNCTION support_ticket_stats_after_insert();
CREATE TRIGGER support_ticket_stats_after_delete
  AFTER DELETE ON support_tickets REFERENCING OLD TABLE AS old_tickets
  FOR EACH STATEMENT EXECUTE FUNCTION support_ticket_stats_after_delete();
CREATE TRIGGER support_ticket_stats_after_update
  AFTER UPDATE OF subject, description, workspace_id, search_vector ON support_tickets
  FOR EACH ROW WHEN ((OLD.workspace_id, OLD.search_vector) IS DISTINCT FROM (NEW.workspace_id, NEW.search_vector))
  EXECUTE FUNCTION support_ticket_stats_after_update();

CREATE TRIGGER support_message_stats_after_insert
  AFTER INSERT ON support_ticket_messages REFERENCING NEW TABLE AS new_messages
  FOR EACH STATEMENT EXECUTE FUNCTION support_ticket_stats_after_insert();
CREATE TRIGGER support_message_stats_after_delete
  AFTER DELETE ON support_ticket_messages REFERENCING OLD TABLE AS old_messages
  FOR EACH STATEMENT EXECUTE FUNCTION support_ticket_stats_after_delete();
CREATE TRIGGER support_message_stats_after_update
  AFTER UPDATE OF message, message_type, workspace_id, search_vector ON support_ticket_messages
  FOR EACH ROW WHEN ((OLD.workspace_id, OLD.search_vector, OLD.message_type = 'system')
    IS DISTINCT FROM (NEW.workspace_id, NEW.search_vector, NEW.message_type = 'system'))
  EXECUTE FUNCTION support_message_stats_after_update();

-- The SQL text of the BM25 of `p_vector` (a column) for p_n terms (k1 1.2, b 0.75), the terms, idfs and
-- mean length being the parameters $<p_terms>, $<p_idfs>, $<p_avgdl> of the statement it goes into.
-- p_weights are ts_rank_cd's {D, C, B, A} (at most 1 each), scaled by p_scale into the field weights of
-- the module comment. Built as an expression, not a function: a function call per ticket costs ~100 µs
-- (its own executor per call), the inlined expression ~4 µs.
CREATE FUNCTION support_ticket_bm25_sql(
  p_vector text, p_n integer, p_terms integer, p_idfs integer, p_avgdl integer, p_weights text, p_scale text
) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT coalesce(string_agg(format(
      '(SELECT $%3$s[%1$s] * x * 2.2 / (x + 1.2 * (0.25 + 0.75 * length(%2$s) / $%4$s)) '
      'FROM (SELECT %6$s * ts_rank_cd(%5$L, %2$s, $%7$s[%1$s], 0)::float8) AS f(x))',
      i, p_vector, p_idfs, p_avgdl, p_weights, p_scale, p_terms), ' + '), '0')
    FROM generate_series(1, p_n) AS i
  $$;

-- The tickets matching the search, best first (rank, then newest), at most p_cap of them: all the
-- matches when there are at most p_cap, else the p_cap newest matches (a common word: recency breaks
-- the tie among thousands of tickets that all mention it). Same matching as support_ticket_search_plan.
CREATE FUNCTION support_ticket_search_ranked(
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
    found bigint[];
    tsq tsquery;
    terms tsquery[];
    idfs_t double precision[];
    idfs_m double precision[];
    avgdl_t double precision;
    avgdl_m double precision;
    number_like text := CASE WHEN p_number_prefix <> '' THEN
      replace(replace(replace(p_number_prefix, '\', '\\'), '%', '\%'), '_', '\_') || '%' END;
    email_like text := CASE WHEN p_email_prefix <> '' THEN
      replace(replace(replace(lower(p_email_prefix), '\', '\\'), '%', '\%'), '_', '\_') || '%' END;
  BEGIN
    IF p_workspace_id IS DISTINCT FROM app_workspace_id() THEN
      RETURN;
    END IF;
    SELECT p.ids, p.query INTO found, tsq
      FROM support_ticket_search_plan(p_workspace_id, p_query, p_include_internal, p_number_prefix,
        p_email_prefix, p_cap) AS p;
    IF found IS NULL THEN
      -- The plan found the words common among the newest tickets: collect the matches through the
      -- indexes (as the plan does for rare words) while there are at most p_cap of them.
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
    IF tsq IS NOT NULL THEN
      WITH corpus AS (
        SELECT c.kind, c.doc_count::float8 AS n,
          greatest(c.total_length::float8 / nullif(c.doc_count, 0), 1) AS avgdl
        FROM support_ticket_corpus_stats c WHERE c.workspace_id = p_workspace_id
      ), operands AS (
        SELECT DISTINCT replace(m[1], '''''', '''') AS lexeme, m[2] IS NOT NULL AS prefix
        FROM regexp_matches(tsq::text, '''((?:[^'']|'''')*)''(:\*)?', 'g') AS m
      ), frequencies AS (
        SELECT o.lexeme, o.prefix, k.kind, k.n,
          coalesce(CASE WHEN o.prefix THEN
            (SELECT max(s.doc_count) FROM support_ticket_term_stats s
             WHERE s.workspace_id = p_workspace_id AND s.kind = k.kind
               AND s.lexeme >= o.lexeme AND s.lexeme < o.lexeme || chr(1114111))
          ELSE
            (SELECT s.doc_count FROM support_ticket_term_stats s
             WHERE s.workspace_id = p_workspace_id AND s.kind = k.kind AND s.lexeme = o.lexeme)
          END, 0)::float8 AS df
        FROM operands o CROSS JOIN corpus k
      ), idf AS (
        SELECT f.lexeme, f.prefix, f.kind,
          ln(1 + (f.n - least(f.df, f.n) + 0.5) / (least(f.df, f.n) + 0.5)) AS idf
        FROM frequencies f
      )
      SELECT array_agg((quote_literal(o.lexeme) || CASE WHEN o.prefix THEN ':*' ELSE '' END)::tsquery
               ORDER BY o.lexeme, o.prefix),
        array_agg(coalesce(it.idf, 0) ORDER BY o.lexeme, o.prefix),
        array_agg(coalesce(im.idf, 0) ORDER BY o.lexeme, o.prefix),
        (SELECT c.avgdl FROM corpus c WHERE c.kind = 't'),
        (SELECT c.avgdl FROM corpus c WHERE c.kind = 'm')
        INTO terms, idfs_t, idfs_m, avgdl_t, avgdl_m
      FROM operands o
      LEFT JOIN idf it ON it.lexeme = o.lexeme AND it.prefix = o.prefix AND it.kind = 't'
      LEFT JOIN idf im ON im.lexeme = o.lexeme AND im.prefix = o.prefix AND im.kind = 'm';
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
