-- The consent log's appender asks, on every run, whether a committed record is still outside the log, and
-- then reads those records in ledger order. That set is small (records committed since the last run), but
-- nothing indexed exactly it: after a burst of appends, with statistics taken while many records were
-- pending, PostgreSQL answered the question with a scan of the whole ledger, about 80 ms at 100,000 records,
-- once per run and so for about every append (docs/BENCHMARKS.md, 3 December 2026). This index holds only
-- the pending records, in ledger order.
create index consent_records_pending on consent_records (seq) where log_index is null;
