-- Ticket search: language-aware full text over subject, description and messages, plus ticket-number and
-- customer-email prefixes, and the indexes the admin list's other filters and sorts were missing.
--
-- Why a SECURITY DEFINER function does the matching: queries run as bfg2_app under row-level security,
-- and PostgreSQL never uses a non-LEAKPROOF operator (tsvector @@ tsquery, LIKE) as an index condition
-- ahead of a policy qual. As bfg2_app every search would scan the whole workspace. The function runs as
-- the schema owner (which bypasses RLS), refuses any workspace but the transaction's own, and returns
-- only ticket ids; the list query then applies RLS, visibility and filters to those tickets as usual.

CREATE EXTENSION IF NOT EXISTS btree_gin;

-- workspaces.default_language → text-search configuration; anything unknown searches without stemming.
CREATE FUNCTION support_search_config(language text) RETURNS regconfig
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT CASE split_part(lower(language), '-', 1)
      WHEN 'en' THEN 'pg_catalog.english'
      WHEN 'de' THEN 'pg_catalog.german'
      WHEN 'fr' THEN 'pg_catalog.french'
      WHEN 'es' THEN 'pg_catalog.spanish'
      WHEN 'it' THEN 'pg_catalog.italian'
      WHEN 'nl' THEN 'pg_catalog.dutch'
      WHEN 'pt' THEN 'pg_catalog.portuguese'
      WHEN 'sv' THEN 'pg_catalog.swedish'
      WHEN 'da' THEN 'pg_catalog.danish'
      WHEN 'fi' THEN 'pg_catalog.finnish'
      WHEN 'no' THEN 'pg_catalog.norwegian'
      WHEN 'nb' THEN 'pg_catalog.norwegian'
      WHEN 'nn' THEN 'pg_catalog.norwegian'
      WHEN 'ru' THEN 'pg_catalog.russian'
      ELSE 'pg_catalog.simple'
    END::regconfig
  $$;

-- Definer: triggers must find the workspace's language whoever writes (RLS would hide it otherwise).
CREATE FUNCTION support_workspace_search_config(p_workspace_id bigint) RETURNS regconfig
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT support_search_config(default_language) FROM workspaces WHERE id = p_workspace_id $$;

CREATE FUNCTION support_ticket_vector(config regconfig, subject text, description text) RETURNS tsvector
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$
    SELECT setweight(to_tsvector(config, unaccent(coalesce(subject, ''))), 'A')
        || setweight(to_tsvector(config, unaccent(coalesce(description, ''))), 'B')
  $$;

CREATE FUNCTION support_message_vector(config regconfig, message text) RETURNS tsvector
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT to_tsvector(config, unaccent(coalesce(message, ''))) $$;

ALTER TABLE support_tickets ADD COLUMN search_vector tsvector;
ALTER TABLE support_ticket_messages ADD COLUMN search_vector tsvector;

-- Backfill before the triggers exist, one pass per table.
UPDATE support_tickets t SET search_vector = support_ticket_vector(support_search_config(w.default_language), t.subject, t.description)
  FROM workspaces w WHERE w.id = t.workspace_id;
UPDATE support_ticket_messages m SET search_vector = support_message_vector(support_search_config(w.default_language), m.message)
  FROM workspaces w WHERE w.id = m.workspace_id;

CREATE FUNCTION support_tickets_search_vector_trigger() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    NEW.search_vector := support_ticket_vector(
      support_workspace_search_config(NEW.workspace_id), NEW.subject, NEW.description);
    RETURN NEW;
  END
  $$;
CREATE TRIGGER support_tickets_search_vector
  BEFORE INSERT OR UPDATE OF subject, description, workspace_id ON support_tickets
  FOR EACH ROW EXECUTE FUNCTION support_tickets_search_vector_trigger();

CREATE FUNCTION support_ticket_messages_search_vector_trigger() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    NEW.search_vector := support_message_vector(support_workspace_search_config(NEW.workspace_id), NEW.message);
    RETURN NEW;
  END
  $$;
CREATE TRIGGER support_ticket_messages_search_vector
  BEFORE INSERT OR UPDATE OF message, workspace_id ON support_ticket_messages
  FOR EACH ROW EXECUTE FUNCTION support_ticket_messages_search_vector_trigger();

-- A workspace that changes its language re-stems its tickets, so queries and vectors agree again.
CREATE FUNCTION workspaces_search_language_trigger() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  DECLARE
    config regconfig := support_search_config(NEW.default_language);
  BEGIN
    IF config IS DISTINCT FROM support_search_config(OLD.default_language) THEN
      UPDATE support_tickets SET search_vector = support_ticket_vector(config, subject, description)
        WHERE workspace_id = NEW.id;
      UPDATE support_ticket_messages SET search_vector = support_message_vector(config, message)
        WHERE workspace_id = NEW.id;
    END IF;
    RETURN NULL;
  END
  $$;
CREATE TRIGGER workspaces_search_language
  AFTER UPDATE OF default_language ON workspaces
  FOR EACH ROW EXECUTE FUNCTION workspaces_search_language_trigger();

-- btree_gin puts workspace_id into the same GIN index, so one workspace's matches are intersected inside
-- the index instead of fetching every workspace's matches and discarding them at the heap.
CREATE INDEX support_tickets_search_idx ON support_tickets USING gin (workspace_id, search_vector);
CREATE INDEX support_ticket_messages_search_idx ON support_ticket_messages USING gin (workspace_id, search_vector);
CREATE INDEX support_tickets_number_prefix_idx ON support_tickets (workspace_id, ticket_number text_pattern_ops);
CREATE INDEX customers_email_prefix_idx ON customers (workspace_id, lower(email) text_pattern_ops);

-- Sorts of the admin list that had no index (the due dates sort unset last, as 'infinity').
CREATE INDEX support_tickets_updated_idx ON support_tickets (workspace_id, updated_at DESC, id DESC);
CREATE INDEX support_tickets_response_due_idx
  ON support_tickets (workspace_id, (coalesce(response_due_at, 'infinity'::timestamptz)), id);
CREATE INDEX support_tickets_resolution_due_idx
  ON support_tickets (workspace_id, (coalesce(resolution_due_at, 'infinity'::timestamptz)), id);

-- Ids of the workspace's tickets that match q: full text in subject/description and in messages
-- (internal notes and system messages only when p_include_internal), a ticket-number prefix, a
-- customer-email prefix. Prefixes are literal text (LIKE wildcards are escaped here).
CREATE FUNCTION support_ticket_search(
  p_workspace_id bigint,
  p_query text,
  p_include_internal boolean,
  p_number_prefix text,
  p_email_prefix text
) RETURNS SETOF bigint
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  ROWS 200
  AS $$
  DECLARE
    tsq tsquery;
    esc text;
  BEGIN
    IF p_workspace_id IS DISTINCT FROM app_workspace_id() THEN
      RETURN;
    END IF;
    tsq := websearch_to_tsquery(support_workspace_search_config(p_workspace_id), unaccent(coalesce(p_query, '')));
    -- Only stop words or punctuation: no full-text branch (an empty tsquery would only raise a notice).
    IF numnode(tsq) = 0 THEN
      tsq := NULL;
    END IF;
    -- EXECUTE plans with the actual values, so the prefixes' LIKE uses the text_pattern_ops indexes.
    RETURN QUERY EXECUTE
      'SELECT id FROM support_tickets WHERE workspace_id = $1 AND search_vector @@ $2
       UNION
       SELECT ticket_id FROM support_ticket_messages
        WHERE workspace_id = $1 AND search_vector @@ $2
          AND ($3 OR (NOT is_internal AND message_type <> ''system''))
       UNION
       SELECT id FROM support_tickets WHERE workspace_id = $1 AND ticket_number LIKE $4
       UNION
       SELECT t.id FROM customers c JOIN support_tickets t ON t.workspace_id = c.workspace_id AND t.customer_id = c.id
        WHERE c.workspace_id = $1 AND lower(c.email) LIKE $5'
      USING p_workspace_id, tsq, p_include_internal,
        CASE WHEN p_number_prefix <> '' THEN replace(replace(replace(p_number_prefix, '\', '\\'), '%', '\%'), '_', '\_') || '%' END,
        CASE WHEN p_email_prefix <> '' THEN replace(replace(replace(lower(p_email_prefix), '\', '\\'), '%', '\%'), '_', '\_') || '%' END;
  END
  $$;
