-- The report sums a range of days of ticket_stat_daily / ticket_stat_dims (every metric of those days:
-- counts, and in the daily table the duration buckets). Through the primary keys that read each row from
-- the heap (a 90-day sum at 250,000 tickets: 27,000 rows, 93 ms under load); with the metric, key and
-- count carried in an index on the days it is an index-only scan.
CREATE INDEX ticket_stat_daily_sums_idx ON ticket_stat_daily (workspace_id, day) INCLUDE (metric, key, n);
CREATE INDEX ticket_stat_dims_sums_idx ON ticket_stat_dims (workspace_id, dim, value, day) INCLUDE (metric, key, n);
