-- Knowledge-base term statistics and vocabulary written in one ordered pass per change, so that
-- concurrent writers cannot deadlock on the rows of common words (as 0050 did for tickets).
--
-- An edit of a published article fired two triggers per row, each in two steps: kb_stats (0027)
-- removed the old vector (its lexemes' rows, in whatever order the UPDATE … FROM join produced them,
-- then the language's corpus row) and added the new one (the new lexemes' rows, the corpus row again);
-- kb_words (0010) then did the same with the vocabulary of typo correction. A writer holding the
-- corpus row or a word it had just removed, waiting for a word another writer had removed, while that
-- one waited for the first writer's rows, deadlocked: two authors editing or publishing articles that
-- share common words ("order", "delivery") at the same moment made one of them fail
-- (src/modules/kb/search-stats-concurrency.test.ts).
--
-- Now one trigger per event calls kb_stats_change once with the old and the new published articles
-- of the statement: the net change per lexeme (a lexeme in both the old and the new text is not
-- touched, so not locked) written in key order, then the corpus rows in key order (skipped when
-- nothing changed), then the net change per vocabulary word in key order. Every writer takes its locks
-- in that one order, so no cycle can form. Rows brought to zero are deleted by the writer that holds
-- them; removal never creates rows (a cascade that already deleted the statistics, a workspace being
-- deleted, does not recreate them). The figures are those of 0010 and 0027: lexemes of search_vector
-- per published article, and the words of kb_article_words.

-- What an article contributes: its lexemes (and length) and its vocabulary words.
CREATE TYPE kb_stats_doc AS (workspace_id bigint, language text, vector tsvector, words text[]);

CREATE FUNCTION kb_stats_doc(a knowledge_articles) RETURNS kb_stats_doc
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT ROW(a.workspace_id, a.language, a.search_vector,
      kb_article_words(a.title, a.tags, a.excerpt, kb_body_text(a.content_text, a.content)))::kb_stats_doc
  $$;

-- Removes the articles p_old and adds the articles p_new (the published ones only: the callers
-- filter) to kb_term_stats, kb_corpus_stats and kb_search_words.
CREATE FUNCTION kb_stats_change(p_old kb_stats_doc[], p_new kb_stats_doc[]) RETURNS void
  LANGUAGE plpgsql
  AS $$
  BEGIN
    WITH docs AS (
      SELECT d.workspace_id AS w, d.language AS l, d.vector AS v, -1 AS sign FROM unnest(p_old) AS d
      UNION ALL
      SELECT d.workspace_id, d.language, d.vector, 1 FROM unnest(p_new) AS d
    ), delta AS (
      SELECT d.w, d.l, x COLLATE "C" AS lexeme, sum(d.sign)::integer AS n
      FROM docs d, unnest(tsvector_to_array(d.v)) AS x
      GROUP BY 1, 2, 3 HAVING sum(d.sign) <> 0
    )
    INSERT INTO kb_term_stats AS s (workspace_id, language, lexeme, doc_count)
      SELECT d.w, d.l, d.lexeme, d.n FROM delta d
      WHERE d.n > 0 OR EXISTS (SELECT 1 FROM kb_term_stats e
                                WHERE e.workspace_id = d.w AND e.language = d.l AND e.lexeme = d.lexeme)
      ORDER BY d.w, d.l, d.lexeme
      ON CONFLICT (workspace_id, language, lexeme) DO UPDATE SET doc_count = s.doc_count + excluded.doc_count;
    -- Only rows this call lowered, all locked by it above.
    DELETE FROM kb_term_stats s
      USING (SELECT DISTINCT d.workspace_id AS w, d.language AS l, x
             FROM unnest(p_old) AS d, unnest(tsvector_to_array(d.vector)) AS x) AS d
      WHERE s.workspace_id = d.w AND s.language = d.l AND s.lexeme = d.x AND s.doc_count <= 0;

    WITH docs AS (
      SELECT d.workspace_id AS w, d.language AS l, length(d.vector) AS len, -1 AS sign FROM unnest(p_old) AS d
      UNION ALL
      SELECT d.workspace_id, d.language, length(d.vector), 1 FROM unnest(p_new) AS d
    ), delta AS (
      SELECT d.w, d.l, sum(d.sign)::integer AS n, sum(d.sign * d.len)::bigint AS len
      FROM docs d GROUP BY 1, 2
      HAVING sum(d.sign) <> 0 OR sum(d.sign * d.len) <> 0
    )
    INSERT INTO kb_corpus_stats AS s (workspace_id, language, doc_count, total_length)
      SELECT d.w, d.l, d.n, d.len FROM delta d
      WHERE d.n > 0 OR EXISTS (SELECT 1 FROM kb_corpus_stats e WHERE e.workspace_id = d.w AND e.language = d.l)
      ORDER BY d.w, d.l
      ON CONFLICT (workspace_id, language) DO UPDATE
        SET doc_count = s.doc_count + excluded.doc_count, total_length = s.total_length + excluded.total_length;

    WITH docs AS (
      SELECT d.workspace_id AS w, d.language AS l, d.words, -1 AS sign FROM unnest(p_old) AS d
      UNION ALL
      SELECT d.workspace_id, d.language, d.words, 1 FROM unnest(p_new) AS d
    ), delta AS (
      SELECT d.w, d.l, x AS word, sum(d.sign)::integer AS n
      FROM docs d, unnest(d.words) AS x
      GROUP BY 1, 2, 3 HAVING sum(d.sign) <> 0
    )
    INSERT INTO kb_search_words AS v (workspace_id, language, word, doc_count)
      SELECT d.w, d.l, d.word, d.n FROM delta d
      WHERE d.n > 0 OR EXISTS (SELECT 1 FROM kb_search_words e
                                WHERE e.workspace_id = d.w AND e.language = d.l AND e.word = d.word)
      ORDER BY d.w, d.l, d.word
      ON CONFLICT (workspace_id, language, word) DO UPDATE SET doc_count = v.doc_count + excluded.doc_count;
    DELETE FROM kb_search_words v
      USING (SELECT DISTINCT d.workspace_id AS w, d.language AS l, x
             FROM unnest(p_old) AS d, unnest(d.words) AS x) AS d
      WHERE v.workspace_id = d.w AND v.language = d.l AND v.word = d.x AND v.doc_count <= 0;
  END
  $$;

-- Statement-level for inserts and deletes (a bulk import aggregates once), per row for edits.
CREATE OR REPLACE FUNCTION kb_stats_after_insert() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  DECLARE
    docs kb_stats_doc[];
  BEGIN
    SELECT array_agg(kb_stats_doc(n)) INTO docs FROM new_rows n WHERE n.status = 'published';
    IF docs IS NOT NULL THEN
      PERFORM kb_stats_change('{}', docs);
    END IF;
    RETURN NULL;
  END
  $$;

CREATE OR REPLACE FUNCTION kb_stats_after_delete() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  DECLARE
    docs kb_stats_doc[];
  BEGIN
    SELECT array_agg(kb_stats_doc(o)) INTO docs FROM old_rows o WHERE o.status = 'published';
    IF docs IS NOT NULL THEN
      PERFORM kb_stats_change(docs, '{}');
    END IF;
    RETURN NULL;
  END
  $$;

CREATE OR REPLACE FUNCTION kb_stats_after_update() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    PERFORM kb_stats_change(
      CASE WHEN OLD.status = 'published' THEN ARRAY[kb_stats_doc(OLD)] ELSE '{}' END,
      CASE WHEN NEW.status = 'published' THEN ARRAY[kb_stats_doc(NEW)] ELSE '{}' END);
    RETURN NULL;
  END
  $$;

-- The edits of the searchable text or of publication, never the view and vote counters; an edit
-- that changes neither the lexemes nor the words writes nothing.
DROP TRIGGER kb_stats_after_update ON knowledge_articles;
CREATE TRIGGER kb_stats_after_update
  AFTER UPDATE OF title, tags, excerpt, meta_description, content, content_text, status, language
  ON knowledge_articles
  FOR EACH ROW WHEN (OLD.status = 'published' OR NEW.status = 'published')
  EXECUTE FUNCTION kb_stats_after_update();

DROP TRIGGER kb_words_after_insert ON knowledge_articles;
DROP TRIGGER kb_words_after_update ON knowledge_articles;
DROP TRIGGER kb_words_after_delete ON knowledge_articles;
DROP FUNCTION kb_words_after_insert();
DROP FUNCTION kb_words_after_update();
DROP FUNCTION kb_words_after_delete();
DROP FUNCTION kb_words_apply(bigint, text, text[], integer);
DROP FUNCTION kb_stats_apply(bigint[], text[], tsvector[], integer);
