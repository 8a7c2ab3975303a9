-- Reports at scale (issue 16): percentiles from per-day bucket counts, and a rollup per filter dimension.
--
-- Duration buckets. A report's median / p90 of first response and resolution times used to sort every
-- ticket answered or resolved in its range (~100,000 rows for 90 days at 1,000,000 tickets). Now each
-- ticket also contributes, on the day of its first response / resolution, one count to the metric
-- first_response_bucket, first_response_business_bucket, resolution_bucket or resolution_business_bucket
-- with the duration's log-scale bucket as key (modules/analytics/duration-buckets.ts: the same bounds as
-- ticket_stat_bucket below). The report sums the range's bucket counts, finds the bucket holding each
-- rank, and reads the exact value with one probe of the indexes below: the tickets of that bucket in the
-- range only, a few thousand rows at most. agent_first_response_bucket, keyed '<assignee>:<bucket>', gives
-- the per-agent medians the same way.
--
-- ticket_stat_dims: the daily counts again, per filter dimension (team, agent, category, priority,
-- channel) and the ticket's current value of it — a report filtered by one dimension sums these rows, so
-- it costs what an unfiltered one does, not a pass over the tickets. One row set per dimension, not one
-- per combination: with 5 teams × 20 agents × 10 categories × 4 priorities × 6 channels nearly every
-- ticket of a day has a combination of its own, so a combined key would have as many rows as the facts'
-- contributions. Filters over two or more dimensions still read the facts (correct, slower). Tickets
-- without a team, assignee or category add no row for that dimension (no filter selects "none").
-- The duration buckets stay out of it: keyed by duration they add about a row per ticket and dimension
-- (at 250,000 tickets the rebuild's sum took minutes with them); so its rows grow with days × values,
-- not with tickets. Filtered percentiles sort the facts of the range instead, index-only: the two
-- percentile indexes of 0026 now carry the dimension columns.
-- Kept like ticket_stat_daily: a ticket's refresh applies (new contributions × new values) − (old × old),
-- and the rebuild recomputes it from the facts in one statement.

CREATE FUNCTION ticket_stat_bucket(seconds integer) RETURNS integer
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT width_bucket(seconds, '{0,1,2,3,4,5,6,7,8,9,10,11,13,15,17,19,21,24,27,30,33,37,41,46,51,57,63,70,77,85,94,104,115,127,140,154,170,188,207,228,251,277,305,336,370,408,449,494,544,599,659,725,798,878,966,1063,1170,1287,1416,1558,1714,1886,2075,2283,2512,2764,3041,3346,3681,4050,4455,4901,5392,5932,6526,7179,7897,8687,9556,10512,11564,12721,13994,15394,16934,18628,20491,22541,24796,27276,30004,33005,36306,39937,43931,48325,53158,58474,64322,70755,77831,85615,94177,103595,113955,125351,137887,151676,166844,183529,201882,222071,244279,268707,295578,325136,357650,393416,432758,476034,523638,576002,633603,696964,766661,843328,927661,1020428,1122471,1234719,1358191,1494011,1643413,1807755,1988531,2187385,2406124,2646737,2911411,3202553,3522809,3875090,4262599,4688859,5157745,5673520,6240873,6864961,7551458,8306604,9137265,10050992,11056092,12161702,13377873,14715661,16187228,17805951,19586547,21545202,23699723,26069696,28676666,31544333,34698767,38168644,41985509,46184060,50802467,55882714,61470986,67618085,74379894,81817884,89999673,98999641,108899606,119789567,131768524,144945377,159439915,175383907,192922298,212214528,233435981,256779580,282457538,310703292,341773622,375950985,413546084,454900693,500390763,550429840,605472824,666020107,732622118,805884330,886472764,975120041,1072632046,1179895251,1297884777,1427673255,1570440581,1727484640,1900233105,2090256416}'::integer[]) $$;

-- The probes' indexes, on stored bucket columns rather than on the expression: under row-level security a
-- condition on width_bucket (not leakproof) cannot be an index condition, so an expression index went
-- unused for the app role (the plan scanned the whole range); a plain integer column's equality can.
ALTER TABLE ticket_stat_facts
  ADD COLUMN first_response_bucket integer GENERATED ALWAYS AS (ticket_stat_bucket(first_response_seconds)) STORED,
  ADD COLUMN first_response_business_bucket integer
    GENERATED ALWAYS AS (ticket_stat_bucket(first_response_business_seconds)) STORED,
  ADD COLUMN resolution_bucket integer GENERATED ALWAYS AS (ticket_stat_bucket(resolution_seconds)) STORED,
  ADD COLUMN resolution_business_bucket integer
    GENERATED ALWAYS AS (ticket_stat_bucket(resolution_business_seconds)) STORED;
CREATE INDEX ticket_stat_facts_response_bucket_idx
  ON ticket_stat_facts (workspace_id, first_response_bucket, first_response_at)
  INCLUDE (first_response_seconds, assigned_to_id) WHERE first_response_at IS NOT NULL;
CREATE INDEX ticket_stat_facts_response_business_bucket_idx
  ON ticket_stat_facts (workspace_id, first_response_business_bucket, first_response_at)
  INCLUDE (first_response_business_seconds) WHERE first_response_at IS NOT NULL;
CREATE INDEX ticket_stat_facts_resolution_bucket_idx
  ON ticket_stat_facts (workspace_id, resolution_bucket, resolved_at)
  INCLUDE (resolution_seconds) WHERE resolved_at IS NOT NULL;
CREATE INDEX ticket_stat_facts_resolution_business_bucket_idx
  ON ticket_stat_facts (workspace_id, resolution_business_bucket, resolved_at)
  INCLUDE (resolution_business_seconds) WHERE resolved_at IS NOT NULL;

DROP INDEX ticket_stat_facts_response_idx;
CREATE INDEX ticket_stat_facts_response_idx ON ticket_stat_facts (workspace_id, first_response_at)
  INCLUDE (first_response_seconds, first_response_business_seconds, assigned_to_id, team_id, category_id,
    priority_id, channel)
  WHERE first_response_at IS NOT NULL;
DROP INDEX ticket_stat_facts_resolved_idx;
-- (rating too: the latest rated comments of a filtered report walk this index back from the range's end.)
CREATE INDEX ticket_stat_facts_resolved_idx ON ticket_stat_facts (workspace_id, resolved_at)
  INCLUDE (resolution_seconds, resolution_business_seconds, assigned_to_id, team_id, category_id,
    priority_id, channel, rating)
  WHERE resolved_at IS NOT NULL;

CREATE TABLE ticket_stat_dims (
  workspace_id bigint NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  dim varchar(10) NOT NULL CHECK (dim IN ('team', 'agent', 'category', 'priority', 'channel')),
  value varchar(40) NOT NULL,
  day date NOT NULL,
  metric varchar(40) NOT NULL,
  key varchar(40) NOT NULL DEFAULT '',
  n bigint NOT NULL,
  PRIMARY KEY (workspace_id, dim, value, day, metric, key)
);
ALTER TABLE ticket_stat_dims ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON ticket_stat_dims USING (workspace_id = app_workspace_id())
  WITH CHECK (workspace_id = app_workspace_id());
-- The backlog before a filtered range: every earlier day's backlog moves of one dimension value.
CREATE INDEX ticket_stat_dims_backlog_idx ON ticket_stat_dims (workspace_id, dim, value, day) INCLUDE (n)
  WHERE metric = 'backlog';

-- Existing rollups: the bucket contributions of every fact (its days in its workspace's time zone, as
-- ticketFacts counts them), their daily sums, and the dimension rows. `stats rebuild` gives the same.
WITH b AS (
  SELECT f.workspace_id, f.ticket_id, max(x.day) AS last,
    jsonb_agg(jsonb_build_object('day', x.day, 'metric', x.metric, 'key', x.key, 'n', 1)) AS items
  FROM ticket_stat_facts f
  JOIN workspaces w ON w.id = f.workspace_id
  CROSS JOIN LATERAL (VALUES
    ((f.first_response_at AT TIME ZONE w.timezone)::date, 'first_response_bucket',
      ticket_stat_bucket(f.first_response_seconds)::text),
    ((f.first_response_at AT TIME ZONE w.timezone)::date, 'first_response_business_bucket',
      ticket_stat_bucket(f.first_response_business_seconds)::text),
    ((f.first_response_at AT TIME ZONE w.timezone)::date, 'agent_first_response_bucket',
      f.assigned_to_id || ':' || ticket_stat_bucket(f.first_response_seconds)),
    ((f.resolved_at AT TIME ZONE w.timezone)::date, 'resolution_bucket', ticket_stat_bucket(f.resolution_seconds)::text),
    ((f.resolved_at AT TIME ZONE w.timezone)::date, 'resolution_business_bucket',
      ticket_stat_bucket(f.resolution_business_seconds)::text)
  ) AS x(day, metric, key)
  WHERE x.day IS NOT NULL AND x.key IS NOT NULL
  GROUP BY f.workspace_id, f.ticket_id
)
UPDATE ticket_stat_facts f SET contributions = f.contributions || b.items, last_day = greatest(f.last_day, b.last)
FROM b WHERE f.workspace_id = b.workspace_id AND f.ticket_id = b.ticket_id;

INSERT INTO ticket_stat_daily (workspace_id, day, metric, key, n)
SELECT f.workspace_id, c.day, c.metric, c.key, sum(c.n)
FROM ticket_stat_facts f, jsonb_to_recordset(f.contributions) AS c(day date, metric text, key text, n bigint)
WHERE c.metric IN ('first_response_bucket', 'first_response_business_bucket', 'agent_first_response_bucket',
  'resolution_bucket', 'resolution_business_bucket')
GROUP BY f.workspace_id, c.day, c.metric, c.key
HAVING sum(c.n) <> 0;

INSERT INTO ticket_stat_dims (workspace_id, dim, value, day, metric, key, n)
SELECT f.workspace_id, d.dim, d.value, c.day, c.metric, c.key, sum(c.n)
FROM ticket_stat_facts f
CROSS JOIN LATERAL jsonb_to_recordset(f.contributions) AS c(day date, metric text, key text, n bigint)
CROSS JOIN LATERAL (VALUES ('team', f.team_id::text), ('agent', f.assigned_to_id::text),
  ('category', f.category_id::text), ('priority', f.priority_id::text), ('channel', f.channel::text)) AS d(dim, value)
WHERE d.value IS NOT NULL AND c.metric NOT IN ('first_response_bucket', 'first_response_business_bucket',
  'agent_first_response_bucket', 'resolution_bucket', 'resolution_business_bucket')
GROUP BY f.workspace_id, d.dim, d.value, c.day, c.metric, c.key
HAVING sum(c.n) <> 0;
