-- stats_delta is a queue: the fold deletes what it folded every few seconds, and a rebuild may delete a
-- million rows at once. Vacuum it after a fixed number of dead rows, whatever its size, so that the reads
-- of its first and last id (every report, every fold) do not walk index pages of deleted rows.
alter table stats_delta set (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 10000);
